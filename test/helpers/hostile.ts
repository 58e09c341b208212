/** Hostile values the untrusted-input tests feed into every position. */

/** Links a browser would follow into script or data, however they are dressed up. */
export const HOSTILE_URLS = [
  'javascript:alert(document.domain)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  '\u0001javascript:alert(1)',
  '\tjavascript:alert(1)',
  'java\tscript:alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript:alert(1)',
  'javascript&colon;alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'DATA:image/svg+xml,<svg onload=alert(1)>',
  '//evil.example.com/x',
  'https:evil.example.com',
  'http:/evil.example.com',
  ' https://cdn.example.com/a.jpg',
  'https://cdn.example.com/a b.jpg',
  'file:///etc/passwd',
];
