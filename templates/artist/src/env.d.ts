/// <reference types="astro/client" />

/** True when the site is built from the bundled demo account (set by stagebloc({ demo: 'auto' }) in astro.config.mjs). */
declare const __STAGEBLOC_DEMO__: boolean;
