import { EDITOR_CSS } from './editor/editor-form.js';
import { GRAPH_CSS } from './graph/playbook-graph.svg.js';

/**
 * The console's whole stylesheet, inlined in every page (no asset route, no build step).
 * System fonts, a readable measure, visible focus rings, colours above 4.5:1 contrast.
 */
export const CONSOLE_CSS = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #fff; --soft: #f6f8fa; --accent: #0550ae; --bad: #a40e26; --good: #116329; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; } .skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .25rem .5rem; z-index: 2; }
header { display: flex; align-items: center; gap: 1.5rem; padding: .6rem 1.5rem; background: #24292f; color: #fff; flex-wrap: wrap; }
header a { color: #fff; text-decoration: none; } header a:hover, header a[aria-current=page] { text-decoration: underline; }
header .brand { font-weight: 700; font-size: 1.1rem; }
header nav ul { display: flex; gap: 1.1rem; list-style: none; margin: 0; padding: 0; flex-wrap: wrap; }
header .who { margin-left: auto; display: flex; gap: .75rem; align-items: center; font-size: .9rem; }
header .who button { background: transparent; color: #fff; border: 1px solid #8c959f; }
main { max-width: 72rem; margin: 0 auto; padding: 1.25rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; } h2 { font-size: 1.25rem; margin-top: 1.75rem; } h3 { font-size: 1.05rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
code, pre { font: .9em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: var(--soft); padding: .75rem; overflow: auto; border-radius: 6px; }
form.stack { display: grid; gap: .9rem; max-width: 44rem; }
form.inline { display: inline; }
.filters { display: flex; gap: .75rem; align-items: end; flex-wrap: wrap; margin-bottom: 1rem; }
.field { display: grid; gap: .25rem; }
.field label, legend { font-weight: 600; }
.hint { color: var(--muted); font-size: .88rem; margin: 0; }
.error-text { color: var(--bad); font-weight: 600; margin: 0; }
input[type=text], input[type=url], input[type=email], input[type=number], input[type=password], input[type=search], select, textarea {
  font: inherit; padding: .4rem .55rem; border: 1px solid #8c959f; border-radius: 6px; width: 100%; max-width: 40rem; background: #fff; color: var(--fg); }
[aria-invalid=true] { border-color: var(--bad); box-shadow: 0 0 0 1px var(--bad); }
textarea { min-height: 5rem; }
fieldset { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; display: grid; gap: .9rem; }
button, .button { font: inherit; font-weight: 600; padding: .4rem .9rem; border-radius: 6px; border: 1px solid #1f6feb; background: #0969da; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
button.danger { background: var(--bad); border-color: var(--bad); }
.notice { padding: .6rem .9rem; border-radius: 6px; border: 1px solid var(--line); background: var(--soft); margin: 0 0 1rem; }
.notice.bad { border-color: var(--bad); background: #ffebe9; } .notice.good { border-color: var(--good); background: #dafbe1; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 1rem; padding: 0; list-style: none; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: .9rem 1rem; display: grid; gap: .35rem; align-content: start; }
.card h2, .card h3 { margin: 0; font-size: 1.1rem; } .card p { margin: 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; } dt { font-weight: 600; } dd { margin: 0; }
section .actions { margin-top: .75rem; }
.tag { display: inline-block; background: #ddf4ff; color: #0a3069; border-radius: 999px; padding: 0 .55rem; font-size: .8rem; margin-right: .25rem; }
.status { font-weight: 600; } .status.succeeded, .status.set, .status.enabled { color: var(--good); } .status.failed, .status.interrupted { color: var(--bad); }
.muted { color: var(--muted); }
.actions { display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; }
details.json { margin-left: 1rem; } details.json > summary { cursor: pointer; } .json-root > details.json { margin-left: 0; }
.json .key { color: #6639ba; } .json .str { color: #0a3069; } .json .num, .json .bool, .json .null { color: #953800; }
ol.timeline { list-style: none; padding: 0; border-left: 3px solid var(--line); margin-left: .5rem; }
ol.timeline > li { margin: 0 0 1rem; padding-left: 1rem; }
${GRAPH_CSS}${EDITOR_CSS}`;
