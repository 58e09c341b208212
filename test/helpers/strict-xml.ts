/**
 * A strict, conformant XML 1.0 parser (saxes) for what we publish: unlike fast-xml-parser's
 * validator it rejects characters XML forbids (C0 controls, U+FFFE, …) and every other
 * well-formedness error, as strict feed readers do.
 */
import { SaxesParser } from 'saxes';

/** Throws the first well-formedness error of `text`; returns the root element's name. */
export function assertStrictXml(text: string): string {
  const parser = new SaxesParser({ xmlns: true });
  let root: string | undefined;
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    root ??= tag.name;
  });
  parser.write(text).close();
  if (failure) throw failure;
  if (!root) throw new Error('no root element');
  return root;
}
