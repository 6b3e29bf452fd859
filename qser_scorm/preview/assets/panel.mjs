// The side panel: every API call with its value and result (errors highlighted), what the LMS
// did on its own, the current CMI data, and the xAPI statements the course sent.
import { ERROR_STRINGS } from "./cmi_model.mjs";

// The calls a SCO makes to ask about the previous call; they are hidden unless asked for.
const ERROR_QUERIES = ["LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"];
const SHOWN_CHARACTERS = 160;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function quoted(value) {
  const text = JSON.stringify(String(value));
  return text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS)}…" (${String(value).length} characters)` : text;
}

function appendScrolled(list, item) {
  const atEnd = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
  list.append(item);
  if (atEnd) list.scrollTop = list.scrollHeight;
}

/** Return a short line for an xAPI statement: verb, object, result. */
export function describeStatement(statement) {
  const verb = statement.verb?.display?.["en-US"] ?? statement.verb?.display?.en ?? statement.verb?.id?.split("/").pop();
  const definition = statement.object?.definition?.name ?? {};
  const object = definition["en-US"] ?? definition.en ?? Object.values(definition)[0] ?? statement.object?.id;
  const result = statement.result ?? {};
  const parts = [];
  if (result.score?.scaled !== undefined) parts.push(`score ${Math.round(result.score.scaled * 10000) / 100}%`);
  if (result.success !== undefined) parts.push(result.success ? "success" : "no success");
  if (result.completion !== undefined) parts.push(result.completion ? "completed" : "not completed");
  if (result.response !== undefined) parts.push(`response ${quoted(result.response)}`);
  return `${verb} ${object}${parts.length ? ` — ${parts.join(", ")}` : ""}`;
}

/** Build the panel inside `root` (the host page's #panel) and return its update functions. */
export function createPanel(root) {
  const calls = root.querySelector("#calls");
  const data = root.querySelector("#cmi-data tbody");
  const statements = root.querySelector("#statements");
  const errorCount = root.querySelector("#error-count");
  let errors = 0;
  let dataShown = null;

  root.querySelector("#show-queries").addEventListener("change", (event) => {
    calls.classList.toggle("show-queries", event.target.checked);
  });

  function renderData() {
    const rows = Object.keys(dataShown).sort().map((key) => {
      const row = element("tr");
      row.append(element("th", "", key), element("td", "", quoted(dataShown[key])));
      row.dataset.element = key;
      return row;
    });
    data.replaceChildren(...rows);
    dataShown = null;
  }

  return {
    /** Show one API call (see lms.mjs createApi's onCall). */
    call({ name, args, result, error, diagnostic, warning }) {
      const query = ERROR_QUERIES.includes(name);
      const item = element("li", query ? "call query" : "call");
      item.dataset.call = name;
      item.append(element("code", "", `${name}(${args.map(quoted).join(", ")})`), element("span", "result", ` → ${quoted(result)}`));
      if (!query && error !== "0") {
        errors += 1;
        errorCount.textContent = `${errors} error${errors === 1 ? "" : "s"}`;
        item.classList.add("error");
        item.dataset.error = error;
        item.append(element("span", "code", `${error} ${ERROR_STRINGS[error]}`), element("span", "diagnostic", diagnostic));
      } else if (warning) {
        item.classList.add("warning");
        item.append(element("span", "diagnostic", `warning: ${warning}`));
      }
      appendScrolled(calls, item);
    },
    /** Show something the LMS or the preview did by itself (launch, status rules, rebuilds). */
    note(text) {
      appendScrolled(calls, element("li", "note", text));
    },
    /** Show the CMI data; redrawn at most once a frame, since a SCO may make many calls in a row. */
    showData(current) {
      if (dataShown === null) requestAnimationFrame(renderData);
      dataShown = { ...current };
    },
    /** Show the statements the fake LRS received, newest last. */
    showStatements(received) {
      statements.replaceChildren(...received.map((statement) => {
        const item = element("li", "statement");
        const details = element("details");
        details.append(element("summary", "", describeStatement(statement)), element("pre", "", JSON.stringify(statement, null, 2)));
        item.append(details);
        return item;
      }));
      root.querySelector("#statement-count").textContent = String(received.length);
    },
  };
}
