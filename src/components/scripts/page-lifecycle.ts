/**
 * Component scripts run once per page load as bundled modules. With Astro's
 * <ClientRouter /> they are not re-run after a client-side navigation, so
 * enhancement also runs on `astro:page-load` (fired after every navigation, and
 * on the first load when the router is present). Enhancers must be idempotent.
 */
export function enhanceOnLoad(enhance: () => void): void {
  enhance();
  document.addEventListener('astro:page-load', enhance);
}
