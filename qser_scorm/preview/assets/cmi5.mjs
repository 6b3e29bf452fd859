// The cmi5 preview host page: launches the course the way a cmi5 LMS does (the server makes the
// session, its fetch URL and LMS.LaunchData), and lists every statement with the cmi5 rules it
// breaks (the server checks them: qser_scorm/xapi/cmi5_rules.py).
const POLL_MS = 500;
const frame = document.getElementById("au");
const rows = document.querySelector("#cmi5-statements tbody");
const count = document.getElementById("statement-count");
const summary = document.getElementById("rule-summary");
const status = document.getElementById("build-status");
let shown = "";

async function launch(mode) {
  const reply = await fetch(`/__cmi5/launch?mode=${mode}`, { method: "POST" });
  const { url } = await reply.json();
  frame.src = url;
}

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function row({ statement, problems }) {
  const tr = document.createElement("tr");
  const defined = (statement.context?.contextActivities?.category || []).some((c) => c.id.endsWith("/categories/cmi5"));
  const verb = statement.verb.display?.["en-US"] || statement.verb.id.split("/").pop();
  tr.append(cell(statement.timestamp.slice(11, 23)), cell(verb),
    cell(verb === "launched" ? "LMS" : defined ? "defined" : "allowed"), cell(statement.object.id, "object"));
  const verdict = document.createElement("td");
  if (problems.length) {
    tr.className = "broken";
    const list = document.createElement("ul");
    for (const problem of problems) list.append(Object.assign(document.createElement("li"), { textContent: problem, className: "broken-rule" }));
    verdict.append(list);
  } else verdict.append(Object.assign(document.createElement("span"), { textContent: "follows them", className: "ok" }));
  tr.append(verdict);
  return tr;
}

async function poll() {
  try {
    const [checked, build] = await Promise.all([
      fetch("/__cmi5/statements").then((r) => r.json()), fetch("/__build").then((r) => r.json())]);
    status.textContent = build.error ? "build failed" : `build ${build.build}`;
    document.getElementById("build-error").hidden = !build.error;
    document.getElementById("build-error-text").textContent = build.error || "";
    const text = JSON.stringify(checked);
    if (text !== shown) {
      shown = text;
      checked.sort((a, b) => a.statement.timestamp.localeCompare(b.statement.timestamp));
      rows.replaceChildren(...checked.map(row));
      count.textContent = checked.length;
      const broken = checked.filter((entry) => entry.problems.length).length;
      summary.textContent = broken ? `${broken} statement(s) break a cmi5 rule.` : "Every statement follows the cmi5 rules.";
    }
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

for (const button of document.querySelectorAll("button[data-mode]")) {
  button.addEventListener("click", () => launch(button.dataset.mode));
}
poll();
