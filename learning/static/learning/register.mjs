// Saved as you go on the register: each learner's mark is POSTed to the JSON endpoint when
// it changes, and the result is announced in the page's status region. Without this script
// the form is saved whole with its button; the server checks the same rules either way.

const PARTIAL = ["late", "left_early"];
const WAIT_MS = 300; // arrow keys move through the statuses: save where they stop

const form = document.querySelector("[data-register]");
if (form) enhance(form);

function enhance(form) {
  const status = document.querySelector("[data-register-status]");
  const csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  const timers = new Map();
  let queue = Promise.resolve(); // one request at a time, in the order of the changes

  form.addEventListener("change", (event) => {
    const row = event.target.closest("[data-place]");
    if (!row) return;
    clearTimeout(timers.get(row));
    timers.set(
      row,
      setTimeout(() => {
        queue = queue.then(() => save(row, form.dataset.markUrl, csrf, status));
      }, WAIT_MS),
    );
  });
}

function markOf(row) {
  const checked = row.querySelector("input[type=radio]:checked");
  const minutes = row.querySelector("input[type=number]");
  return { status: checked ? checked.value : "", minutes: minutes ? minutes.value.trim() : "" };
}

async function save(row, url, csrf, status) {
  const { status: mark, minutes } = markOf(row);
  const name = row.dataset.name;
  if (!mark) return;
  if (PARTIAL.includes(mark) && minutes === "") {
    show(row, status, `${name}: give the minutes attended to save this mark.`, "waiting");
    return;
  }
  const body = new URLSearchParams({ place: row.dataset.place, status: mark });
  if (PARTIAL.includes(mark)) body.set("minutes", minutes);
  try {
    const response = await fetch(url, {
      method: "POST",
      body,
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
      credentials: "same-origin",
    });
    if (!isJson(response)) {
      // Signed out, or the page's form token went stale: the server refused before the view.
      show(row, status, `${name}: not saved. Reload the page (sign in again if asked).`, "error");
      return;
    }
    const result = await response.json();
    if (result.saved) show(row, status, `${name}: ${result.message}`, "saved");
    else show(row, status, `${name}: not saved. ${result.error}`, "error");
  } catch {
    show(row, status, `${name}: not saved, the connection failed. Use “Save attendance”.`, "error");
  }
}

function isJson(response) {
  return (response.headers.get("Content-Type") || "").startsWith("application/json");
}

function show(row, status, text, state) {
  const here = row.querySelector("[data-saved]");
  here.textContent = text.slice(text.indexOf(": ") + 2);
  here.dataset.state = state;
  status.textContent = text;
}
