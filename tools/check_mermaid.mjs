// Parse Mermaid flowcharts with Mermaid's own parser and print what it understood.
//
// Why: `python main.py graph --format mermaid` must be accepted by Mermaid, and its
// labels must come out as written whatever the story text holds. This runs the real
// parser (mermaid.parse, then the flowchart's database) under Node, with jsdom standing
// in for the browser that Mermaid's sanitizer expects.
//
// Install (once, about 180 MB, kept out of git):
//     npm install --prefix tools/.mermaid mermaid@11 jsdom
// or point MERMAID_CHECK_MODULES at any folder holding node_modules/mermaid and jsdom.
//
// Use:
//     python main.py graph --format mermaid | node tools/check_mermaid.mjs
//     node tools/check_mermaid.mjs map.mmd
//     node tools/check_mermaid.mjs --serve     (one JSON {"source": ...} per line in,
//                                              one JSON answer per line out: for tests)
// It prints {"ok": true, "nodes": [...], "edges": [...], "subgraphs": [...]} with every
// label decoded to the text Mermaid draws (entity codes resolved, <br> as a new line),
// or {"ok": false, "error": "..."} and exits 1. Exit 3: Mermaid or jsdom is not installed.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function findModules() {
  const places = [process.env.MERMAID_CHECK_MODULES, path.join(here, '.mermaid'), here];
  for (const place of places.filter(Boolean)) {
    const require = createRequire(path.join(place, 'package.json'));
    try {
      return { require, mermaidPath: require.resolve('mermaid'), jsdom: require('jsdom') };
    } catch {
      // not here; try the next place
    }
  }
  return null;
}

const found = findModules();
if (found === null) {
  process.stderr.write('Mermaid is not installed for this check. Install it with:\n' +
    '    npm install --prefix tools/.mermaid mermaid@11 jsdom\n');
  process.exit(3);
}
const dom = new found.jsdom.JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import(pathToFileURL(found.mermaidPath).href);
mermaid.initialize({ startOnLoad: false });

// Mermaid's own placeholders for entity codes (its encodeEntities), then HTML's.
function decode(text) {
  const entities = String(text ?? '')
    .replace(/ﬂ°°(\d+)¶ß/g, '&#$1;')
    .replace(/ﬂ°(\w+)¶ß/g, '&$1;');
  return entities.split(/<br\s*\/?>/i).map((part) => {
    const box = document.createElement('textarea');
    box.innerHTML = part;
    return box.value;
  }).join('\n');
}

async function check(source) {
  try {
    await mermaid.parse(source);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
    const db = diagram.db;
    const vertices = db.getVertices();
    const list = vertices instanceof Map ? [...vertices.values()] : Object.values(vertices);
    return {
      ok: true,
      type: diagram.type,
      nodes: list.map((v) => ({ id: v.id, text: decode(v.text), shape: v.type ?? null,
                                classes: v.classes ?? [] })),
      edges: db.getEdges().map((e) => ({ start: e.start, end: e.end, text: decode(e.text),
                                         stroke: e.stroke ?? null, type: e.type ?? null })),
      subgraphs: db.getSubGraphs().map((s) => ({ id: s.id, title: decode(s.title),
                                                 nodes: [...s.nodes] })),
    };
  } catch (e) {
    return { ok: false, error: String(e?.message ?? e) };
  }
}

if (process.argv.includes('--serve')) {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const answer = await check(JSON.parse(line).source);
    process.stdout.write(JSON.stringify(answer) + '\n');
  }
} else {
  const file = process.argv[2];
  const source = readFileSync(file ?? 0, 'utf8');
  const answer = await check(source);
  process.stdout.write(JSON.stringify(answer, null, 1) + '\n');
  process.exit(answer.ok ? 0 : 1);
}
