// Polls the analysis status and reloads the page when the report is ready (or the analysis
// failed). Without JavaScript a <noscript> meta refresh does the same.
document.addEventListener("DOMContentLoaded", () => {
  const panel = document.querySelector("[data-status-url]");
  if (!panel) return;
  const url = panel.dataset.statusUrl;
  const initial = panel.dataset.status;
  if (initial === "done" || initial === "failed") return;
  let delay = 1500;
  const poll = () => {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => {
        if (data && data.status !== initial) {
          window.location.reload();
          return;
        }
        delay = Math.min(delay * 1.3, 10000);
        window.setTimeout(poll, delay);
      })
      .catch(() => window.setTimeout(poll, 10000));
  };
  window.setTimeout(poll, delay);
});
