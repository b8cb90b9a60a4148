// The inkjs side of bench/ink.py: compile an ink file, load the compiled JSON, play a
// fixed path of choices (found by their text), and print one line of JSON with the best
// of `repeat` timings in seconds.
//
//   node bench/ink_bench.mjs STORY.ink PATH.json [REPEAT]
//
// PATH.json is {"choices": [text, ...], "nodes": [knot, ...], "ending": bool}: the choices
// to take in order, the knot each is taken at (checked), and whether the path ends in an
// ending (then ink must have reached END). inkjs comes from bench/.ink (npm install --prefix
// bench/.ink inkjs); `inkjs/full` holds the compiler.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, ".ink", "package.json"));
const inkjs = require("inkjs/full");

const [inkFile, pathFile, repeatArg] = process.argv.slice(2);
const repeat = Math.max(1, Number(repeatArg || 3));
const source = readFileSync(inkFile, "utf8");
const path = JSON.parse(readFileSync(pathFile, "utf8"));

function seconds(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function compile() {
  const errors = [];
  const compiler = new inkjs.Compiler(source, new inkjs.CompilerOptions(
    null, [], false, (message, type) => { if (type === 2) errors.push(message); }, null));
  const story = compiler.Compile();
  if (story === null || errors.length) {
    throw new Error(`ink did not compile: ${errors.slice(0, 3).join(" / ")}`);
  }
  return story;
}

function play(story) {
  let chars = 0;
  let wrong = 0;
  for (const [i, want] of path.choices.entries()) {
    while (story.canContinue) chars += story.Continue().length;
    const choices = story.currentChoices;
    const index = choices.findIndex((c) => c.text === want);
    if (index < 0) {
      throw new Error(`no choice "${want}" at ${story.state.currentPathString}: ` +
        choices.map((c) => c.text).join(" | "));
    }
    for (const c of choices) chars += c.text.length;
    if (choices[index].sourcePath.split(".")[0] !== path.nodes[i]) wrong++;
    story.ChooseChoiceIndex(index);
  }
  while (story.canContinue) chars += story.Continue().length;
  const ended = story.currentChoices.length === 0;
  return { chars, same: wrong === 0 && ended === path.ending };
}

let best = { compile: Infinity, load: Infinity, play: Infinity };
let json = null;
let same = null;
for (let i = 0; i < repeat; i++) {
  globalThis.gc?.();
  let t = process.hrtime.bigint();
  const compiled = compile();
  best.compile = Math.min(best.compile, seconds(t));
  json = compiled.ToJson();
  t = process.hrtime.bigint();
  const story = new inkjs.Story(json);
  best.load = Math.min(best.load, seconds(t));
  t = process.hrtime.bigint();
  const result = play(story);
  best.play = Math.min(best.play, seconds(t));
  same = result.same;
}
console.log(JSON.stringify({ ...best, same, json_kb: json.length / 1000 }));
