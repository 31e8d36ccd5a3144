// Jupyter notebooks: each code line is a JSON string. The Python fix runs on the decoded line and the
// result is re-encoded in place; `import os` becomes a new first line of the cell when the notebook
// has none.
import { lineStartOf } from '../syntax';
import { applyEdits, edit, eolOf } from '../text';
import type { MovePlan, Unsupported } from '../types';
import { un } from './common';
import type { MoveInput } from './types';

/** The JSON string token around `offset` on its line: [contentStart, contentEnd). */
function jsonStringAt(text: string, offset: number): [number, number] | undefined {
  let i = lineStartOf(text, offset);
  const nl = text.indexOf('\n', offset);
  const end = nl === -1 ? text.length : nl;
  while (i < end) {
    if (text[i] !== '"') {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    if (i < offset && offset < j) return [i + 1, j];
    i = j + 1;
  }
  return undefined;
}

export function planNotebookMove(input: MoveInput, movePython: (i: MoveInput) => MovePlan | Unsupported): MovePlan | Unsupported {
  const { text, finding } = input;
  const tok = jsonStringAt(text, finding.offset);
  if (!tok || finding.offset + finding.length > tok[1]) return un('The key is not inside a notebook cell line.');
  const [cs, ce] = tok;
  const before = text.slice(0, cs);
  const cellType = [...before.matchAll(/"cell_type"\s*:\s*"(\w+)"/g)].pop()?.[1];
  if (cellType !== 'code') return un('Markdown cells are documentation: replace the key with a placeholder such as YOUR_API_KEY, then revoke it.');
  const source = [...before.matchAll(/"source"\s*:\s*\[/g)].pop();
  if (!source) return un('This notebook stores the cell as one string: move the key by hand.');
  let line: string;
  let pre: string;
  try {
    line = JSON.parse(`"${text.slice(cs, ce)}"`) as string;
    pre = JSON.parse(`"${text.slice(cs, finding.offset)}"`) as string;
  } catch {
    return un('The notebook line is not valid JSON.');
  }
  const cellStart = source.index! + source[0].length;
  const firstLine = /^\s*"((?:[^"\\]|\\.)*)"/.exec(text.slice(cellStart));
  if (firstLine && firstLine[1].startsWith('%%')) return un('This cell runs a cell magic, not Python: move the key by hand.');
  // Fix the decoded line as a tiny Python module that already imports os.
  const header = 'import os\n';
  const sub = movePython({
    ...input,
    text: header + line,
    languageId: 'python',
    filePath: 'cell.py',
    finding: { ...finding, family: 'python', offset: header.length + pre.length, context: finding.context ? { ...finding.context, literalOffset: undefined, literalLength: undefined } : undefined },
  });
  if ('unsupported' in sub) return sub;
  const fixed = applyEdits(header + line, sub.edits).slice(header.length);
  const edits = [edit(text, cs, ce, JSON.stringify(fixed).slice(1, -1))];
  const hasOs = /"\s*(import os\b|from os import)/.test(text) || /\\n\s*import os\b/.test(text);
  if (!hasOs) {
    const first = /^([ \t]*\r?\n)([ \t]*)"/.exec(text.slice(cellStart));
    if (first) {
      const at = cellStart + first[1].length;
      edits.unshift(edit(text, at, at, `${first[2]}"import os\\n",${eolOf(text)}`));
    } else edits.unshift(edit(text, cellStart, cellStart, '"import os\\n", '));
  }
  return { ...sub, edits };
}
