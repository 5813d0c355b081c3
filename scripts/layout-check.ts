// The layout rules of the code base, checked from the source (issue 22): no import circle in
// engine/ or ui/ (type-only imports count: they tie the modules' shapes together), no function
// in engine/ or ui/ longer than 80 lines, and ui/ importing nothing from engine/node.
// `npx tsx scripts/layout-check.ts [--json]` prints each breach; exit 1 if there is any.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const MAX_FUNCTION_LINES = 80;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

export interface LayoutReport {
  circles: string[][];
  longFunctions: Array<{ file: string; name: string; line: number; lines: number }>;
  uiImportsNode: Array<{ file: string; imports: string }>;
}

function functionName(node: ts.Node): string {
  const n = (node as { name?: ts.Node }).name;
  if (n && ts.isIdentifier(n)) return n.text;
  if (n && (ts.isStringLiteral(n) || ts.isPrivateIdentifier(n))) return n.text;
  const p = node.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return p.name.text;
  return '(anonymous)';
}

export function checkLayout(): LayoutReport {
  const files = [...sourceFiles(join(root, 'engine')), ...sourceFiles(join(root, 'ui'))];
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  const report: LayoutReport = { circles: [], longFunctions: [], uiImportsNode: [] };
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const rel = relative(root, file);
    const deps: string[] = [];
    const addImport = (spec: string): void => {
      if (!spec.startsWith('.')) return;
      let target = resolve(dirname(file), spec);
      if (!known.has(target)) for (const ext of ['.ts', '/index.ts']) if (known.has(target + ext)) { target += ext; break; }
      if (rel.startsWith('ui/') && relative(root, target).startsWith('engine/node/')) report.uiImportsNode.push({ file: rel, imports: spec });
      if (known.has(target)) deps.push(target);
    };
    const visit = (node: ts.Node): void => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) addImport(node.moduleSpecifier.text);
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) addImport(node.arguments[0].text);
      if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)) {
        const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
        const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
        const lines = end - start + 1;
        if (lines > MAX_FUNCTION_LINES) report.longFunctions.push({ file: rel, name: functionName(node), line: start + 1, lines });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    graph.set(file, deps);
  }
  // Strongly connected components (Tarjan): every component of more than one module is a circle.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const strong = (v: string): void => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do { w = stack.pop()!; on.delete(w); comp.push(relative(root, w)); } while (w !== v);
      if (comp.length > 1) report.circles.push(comp.sort());
    }
  };
  for (const f of files) if (!idx.has(f)) strong(f);
  report.longFunctions.sort((a, b) => b.lines - a.lines);
  return report;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = checkLayout();
  if (process.argv.includes('--json')) console.log(JSON.stringify(r, null, 2));
  else {
    for (const c of r.circles) console.log(`circle: ${c.join(' <-> ')}`);
    for (const f of r.longFunctions) console.log(`long function: ${f.file}:${f.line} ${f.name} (${f.lines} lines, at most ${MAX_FUNCTION_LINES})`);
    for (const u of r.uiImportsNode) console.log(`ui imports engine/node: ${u.file} imports ${u.imports}`);
    console.log(`${r.circles.length} circles, ${r.longFunctions.length} functions over ${MAX_FUNCTION_LINES} lines, ${r.uiImportsNode.length} ui imports of engine/node`);
  }
  process.exit(r.circles.length + r.longFunctions.length + r.uiImportsNode.length ? 1 : 0);
}
