// Progressive enhancement of a bulk issue's progress page: while certificates are still being
// issued, fetch the status every two seconds and put it in the page's live region (role=status),
// so a screen reader hears "n of m issued" without the page reloading under it. Without
// JavaScript, the page's "Check again" link does the same.
const region = document.getElementById("batch-status");

async function poll() {
  const url = region?.dataset.refresh;
  if (!url) return;
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) return; // keep what is shown; the link still works
    const html = await response.text();
    region.innerHTML = html;
    if (!html.includes("data-still-issuing")) {
      delete region.dataset.refresh;
      return;
    }
  } catch {
    return;
  }
  setTimeout(poll, 2000);
}

setTimeout(poll, 2000);
