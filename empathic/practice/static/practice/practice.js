// Practice studio: send an answer without reloading the page. Without JavaScript the same form
// posts and the page reloads with the feedback, so this file only makes it quicker.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-practice-answer]");
  const transcript = document.getElementById("transcript");
  const status = document.getElementById("practice-status");
  if (!form || !transcript || !window.fetch) return;
  const textarea = form.querySelector("textarea");
  const nodeInput = form.querySelector("input[name=node]");
  const button = form.querySelector("button[type=submit]");

  const showErrors = (errors) => {
    let box = form.querySelector(".form-errors");
    if (!box) {
      box = document.createElement("div");
      box.className = "form-errors";
      box.setAttribute("role", "alert");
      form.prepend(box);
    }
    box.replaceChildren(...errors.map((text) => {
      const p = document.createElement("p");
      p.textContent = text;
      return p;
    }));
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") return;
    form.setAttribute("aria-busy", "true");
    button.disabled = true;
    try {
      const response = await fetch(form.action || window.location.href, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const data = await response.json();
      if (!response.ok) {
        showErrors(data.errors || [response.statusText]);
        return;
      }
      const old = form.querySelector(".form-errors");
      if (old) old.remove();
      const holder = document.createElement("template");
      holder.innerHTML = data.html;
      const added = Array.from(holder.content.children);
      transcript.append(...added);
      const feedback = added.length ? added[0].querySelector(".feedback") : null;
      if (status) status.textContent = form.dataset.announce || "";
      if (data.done) {
        form.remove();
        const link = transcript.querySelector(".turn-end a");
        if (feedback) feedback.focus();
        else if (link) link.focus();
        return;
      }
      nodeInput.value = data.node;
      textarea.value = "";
      if (feedback) feedback.focus();
    } catch (error) {
      form.removeAttribute("aria-busy");
      button.disabled = false;
      form.submit();
      return;
    } finally {
      form.removeAttribute("aria-busy");
      button.disabled = false;
    }
  });
});
