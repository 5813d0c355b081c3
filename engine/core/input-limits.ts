// Limits on input text, checked before it is parsed (pure: the command line and the browser both
// use them): a file someone sent cannot overflow the parser's stack by deep nesting or eat memory
// by its size; each is refused with one sentence naming the file and the limit.
import { DataError } from './data-error.ts';

/** Largest input file read (the campaign, the biggest shipped file, is 0.6 MiB; its replay 2.3 MiB). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Deepest nesting of objects and arrays (the shipped files nest 8 deep at most). */
export const MAX_DEPTH = 32;
/** YAML aliases (`*name`) one file may resolve: the yaml library's guard against alias bombs. */
export const MAX_YAML_ALIASES = 100;

export function tooDeep(shown: string, where: string): DataError {
  return new DataError(shown, [{ path: '', message: `nests objects and lists deeper than the limit of ${MAX_DEPTH} levels (${where})` }]);
}

/** Refuses a JSON text nested deeper than MAX_DEPTH, by a scan of its brackets outside strings. */
export function checkJsonDepth(text: string, shown: string): void {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '\n') line++;
    else if (c === '{' || c === '[') {
      if (++depth > MAX_DEPTH) throw tooDeep(shown, `at line ${line}`);
    } else if (c === '}' || c === ']') depth--;
  }
}

/**
 * Refuses a YAML text whose flow brackets ([ {) nest deeper than MAX_DEPTH before parsing it: the
 * yaml library composes flow collections recursively, and overflows the stack on a few thousand.
 * Block nesting costs at least one column of indentation a level, so it is bounded by the line
 * length; the parsed value is measured as well (checkValueDepth).
 */
export function checkYamlFlowDepth(text: string, shown: string): void {
  let depth = 0;
  let line = 1;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') { line++; quote = ''; continue; }
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) { while (i + 1 < text.length && text[i + 1] !== '\n') i++; }
    else if (c === '[' || c === '{') {
      if (++depth > MAX_DEPTH) throw tooDeep(shown, `at line ${line}`);
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
}

/** Refuses a parsed value nested deeper than MAX_DEPTH (iteratively: the check cannot overflow). */
export function checkValueDepth(value: unknown, shown: string): void {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > MAX_DEPTH) throw tooDeep(shown, 'after reading it');
    for (const x of Object.values(v)) stack.push([x, d + 1]);
  }
}
