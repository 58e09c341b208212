/** The bench's output: one markdown table per benchmark, with notes under it. */

export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
  notes?: string[];
}

export function renderTable(table: Table): string {
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|');
  const lines = [
    `### ${table.title}`,
    '',
    `| ${table.columns.map(escapeCell).join(' | ')} |`,
    `|${table.columns.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...table.rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ];
  if (table.notes?.length) lines.push('', ...table.notes.map((note) => `- ${note}`));
  return lines.join('\n');
}

/** "met" / "MISSED" for a goal, with what it was compared against. */
export function goal(met: boolean, text: string): string {
  return `${met ? 'met' : 'MISSED'} (${text})`;
}
