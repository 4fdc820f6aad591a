// Composer nudges: while someone writes, words that many people here find
// hurtful are underlined, with person-first alternatives one click away.
//
// The text goes only to this site's own check endpoint (never elsewhere), is
// analysed and forgotten. Without JavaScript, the same findings are shown
// after the post is submitted.

const WAIT_MS = 400;

// The words shown come from the page (data-text-*), where they are translated.
function wording(textarea) {
  const data = textarea.dataset;
  return {
    title: data.textTitle || "Words to look at again",
    replace: data.textReplace || "Replace with:",
    high: data.textHigh || "",
    medium: data.textMedium || "",
    low: data.textLow || "",
  };
}

function csrfToken(form) {
  const input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

function enhance(textarea) {
  const url = textarea.dataset.languageCheck;
  const words = wording(textarea);
  // The page wraps the textarea in .nudge-field; the textarea itself is never
  // moved, so someone already typing keeps their focus and every keystroke.
  const field = textarea.closest(".nudge-field");
  if (!field) return;
  const backdrop = document.createElement("div");
  backdrop.className = "nudge-backdrop";
  backdrop.setAttribute("aria-hidden", "true");
  field.prepend(backdrop);

  const panel = document.createElement("div");
  panel.className = "nudges";
  panel.id = `${textarea.id}_nudges`;
  panel.setAttribute("aria-live", "polite");
  field.after(panel);
  const describedBy = textarea.getAttribute("aria-describedby");
  textarea.setAttribute("aria-describedby", describedBy ? `${describedBy} ${panel.id}` : panel.id);

  let timer = null;
  let pending = null;
  let checked = { text: null, findings: [] };

  function paint() {
    // Underlines only while they still match the text they were found in.
    const findings = checked.text === textarea.value ? checked.findings : [];
    backdrop.replaceChildren();
    let position = 0;
    for (const finding of findings) {
      backdrop.append(document.createTextNode(textarea.value.slice(position, finding.start)));
      const mark = document.createElement("mark");
      mark.className = `nudge-mark nudge-mark--${finding.severity}`;
      mark.textContent = textarea.value.slice(finding.start, finding.end);
      backdrop.append(mark);
      position = finding.end;
    }
    // A trailing newline needs a character after it to take up a line.
    backdrop.append(document.createTextNode(textarea.value.slice(position) + "\u200b"));
    backdrop.scrollTop = textarea.scrollTop;
  }

  function listFindings() {
    panel.replaceChildren();
    if (!checked.findings.length) return;
    const title = document.createElement("p");
    title.className = "findings__title";
    title.textContent = words.title;
    const list = document.createElement("ul");
    for (const finding of checked.findings) {
      const item = document.createElement("li");
      const word = document.createElement("strong");
      word.textContent = `“${finding.text}”`;
      item.append(word, ` ${words[finding.severity] || ""} `);
      if (finding.edits.length) {
        item.append(`${words.replace} `);
        for (const edit of finding.edits) {
          const button = document.createElement("button");
          button.type = "button";
          button.className = "nudge-replace";
          button.textContent = edit.label;
          button.addEventListener("click", () => replace(edit));
          item.append(button, " ");
        }
      }
      list.append(item);
    }
    panel.append(title, list);
  }

  function replace(edit) {
    if (checked.text !== textarea.value) {
      check();
      return;
    }
    // Keep the cursor where the person left it: moved along if it was after
    // the word, placed just after the new words if it was inside.
    const cursor = textarea.selectionStart;
    const delta = edit.text.length - (edit.end - edit.start);
    textarea.setRangeText(edit.text, edit.start, edit.end);
    let place = cursor;
    if (cursor >= edit.end) place = cursor + delta;
    else if (cursor > edit.start) place = edit.start + edit.text.length;
    textarea.focus();
    textarea.setSelectionRange(place, place);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
    check();
  }

  async function check() {
    clearTimeout(timer);
    const text = textarea.value;
    if (pending) pending.abort();
    pending = new AbortController();
    const body = new FormData();
    body.append("text", text);
    try {
      const response = await fetch(url, {
        method: "POST",
        body,
        headers: { "X-CSRFToken": csrfToken(textarea.form) },
        credentials: "same-origin",
        signal: pending.signal,
      });
      if (!response.ok) return;
      const data = await response.json();
      if (textarea.value !== text) return; // the person kept typing; a new check follows
      checked = { text, findings: data.findings };
      paint();
      listFindings();
      // The help for what the words suggest: an overdose now, or thoughts of suicide.
      const panel = textarea.form?.querySelector("[data-support-panel]");
      if (panel) {
        // The kind of help the words call for, as the moderators wrote it.
        if (panel.dataset.kind !== (data.at_risk || "")) panel.innerHTML = data.panel || "";
        panel.dataset.kind = data.at_risk || "";
        panel.hidden = !data.at_risk;
      }
    } catch (error) {
      if (error.name !== "AbortError") console.warn("Language check failed", error);
    }
  }

  textarea.addEventListener("input", () => {
    paint();
    clearTimeout(timer);
    timer = setTimeout(check, WAIT_MS);
  });
  textarea.addEventListener("scroll", () => {
    backdrop.scrollTop = textarea.scrollTop;
  });
  if (textarea.value) check();
  paint();
}

for (const textarea of document.querySelectorAll("textarea[data-language-check]")) {
  enhance(textarea);
}
