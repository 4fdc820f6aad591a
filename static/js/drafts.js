// Drafts, replies and quotes in the composers.
//
// What a member types is kept on the server as they write (a second after they
// stop, and when the page is hidden or left), so a reload, another page or a
// lost connection loses nothing. Nothing is kept in the browser itself: people
// share devices. "Reply" and "Quote" fill the reply box here, without a reload;
// without JavaScript their links open the same box filled in by the server.

const SAVE_AFTER_MS = 1000;

function csrfToken(form) {
  const input = form.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

function say(status, text) {
  // Only a change of words is announced, so a screen reader hears it once.
  if (status && status.textContent !== text) status.textContent = text;
}

function keepDrafts(form) {
  const url = form.dataset.draftUrl;
  const status = form.querySelector("[data-draft-status]");
  const discardButton = form.querySelector("[data-draft-discard]");
  const words = status ? status.dataset : {};
  let timer = null;
  let posting = false;

  // The fields as they are now, or (`rendered`) as the page came from the server.
  function fields(rendered = false) {
    const data = new FormData();
    for (const name of ["title", "body", "reply_to"]) {
      const field = form.elements.namedItem(name);
      if (field) data.append(name, rendered ? field.defaultValue : field.value);
    }
    const anonymous = form.elements.namedItem("anonymous");
    if (anonymous && (rendered ? anonymous.defaultChecked : anonymous.checked)) {
      data.append("anonymous", "on");
    }
    return data;
  }
  const snapshot = (rendered = false) => JSON.stringify([...fields(rendered).entries()]);

  // What the server already holds: the page was rendered with it (words typed
  // before this script ran are saved at once). A Reply or Quote link (or
  // "don't reply") changed the box, so that is saved at once too.
  const params = new URLSearchParams(window.location.search);
  let saved = params.has("quote") || params.has("reply_to") ? null : snapshot(true);

  async function send(data, keepalive) {
    const options = {
      method: "POST",
      body: data,
      headers: { "X-CSRFToken": csrfToken(form), Accept: "application/json" },
      credentials: "same-origin",
      keepalive,
    };
    try {
      return await fetch(url, options);
    } catch (error) {
      // keepalive refuses large bodies; try once more without it.
      if (keepalive) return fetch(url, { ...options, keepalive: false });
      throw error;
    }
  }

  async function save({ keepalive = false } = {}) {
    clearTimeout(timer);
    if (posting) return;
    const now = snapshot();
    if (now === saved) return;
    const data = fields();
    data.append("draft", "save");
    try {
      const response = await send(data, keepalive);
      if (response.ok) {
        saved = now;
        const answer = await response.json();
        say(status, answer.saved ? words.textSaved : "");
        if (discardButton) discardButton.hidden = !answer.saved;
      } else if (response.status === 429) {
        const wait = Number(response.headers.get("Retry-After") || 5);
        timer = setTimeout(save, wait * 1000);
      } else {
        say(status, words.textFailed);
      }
    } catch {
      // Offline: the words stay in the box and are saved when the connection is back.
      say(status, words.textFailed);
    }
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_AFTER_MS);
  }

  async function discard() {
    clearTimeout(timer);
    const data = new FormData();
    data.append("draft", "discard");
    try {
      const response = await send(data, false);
      if (!response.ok) {
        say(status, words.textFailed);
        return;
      }
    } catch {
      say(status, words.textFailed);
      return;
    }
    for (const name of ["title", "body"]) {
      const field = form.elements.namedItem(name);
      if (field) {
        field.value = "";
        field.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }
    form.dispatchEvent(new CustomEvent("commonground:reply-to", { detail: null }));
    clearTimeout(timer);
    saved = snapshot();
    if (discardButton) discardButton.hidden = true;
    say(status, words.textDiscarded);
    form.querySelector("textarea[name=body]")?.focus();
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
  form.addEventListener("commonground:changed", later);
  form.addEventListener("submit", (event) => {
    if (event.submitter && event.submitter.name === "draft") {
      event.preventDefault();
      if (event.submitter.value === "discard") discard();
      else save();
      return;
    }
    // Posting: the server forgets the draft once the post is saved.
    posting = true;
    clearTimeout(timer);
  });
  // A reply sent over the live socket: posted (the box is empty now), or refused
  // (the words are still in the box, and still kept).
  form.addEventListener("commonground:posted", () => {
    posting = false;
    clearTimeout(timer);
    saved = snapshot();
    if (discardButton) discardButton.hidden = true;
    say(status, "");
  });
  form.addEventListener("commonground:refused", () => {
    posting = false;
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") save({ keepalive: true });
  });
  window.addEventListener("pagehide", () => save({ keepalive: true }));
  window.addEventListener("online", () => save());
  if (saved !== snapshot()) save();
  if (params.has("quote") || params.has("reply_to")) {
    // The link's work is done: a later reload shows the draft, not the quote again.
    params.delete("quote");
    params.delete("reply_to");
    const query = params.toString();
    const address = `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`;
    window.history.replaceState(window.history.state, "", address);
  }
}

// -- replying to a post and quoting it --------------------------------------------

function replyBox(form) {
  const hidden = form.elements.namedItem("reply_to");
  const line = form.querySelector("[data-replying-to]");
  const text = line?.querySelector("[data-replying-to-text]");
  const textarea = form.querySelector("textarea[name=body]");

  function replyTo(id, author) {
    if (!hidden || !line) return;
    hidden.value = id ? String(id) : "";
    line.hidden = !id;
    if (id && text) text.textContent = line.dataset.textReplying.replace("%(name)s", author);
  }
  form.addEventListener("commonground:reply-to", (event) => {
    replyTo(event.detail?.id, event.detail?.author);
  });
  form.addEventListener("commonground:posted", () => replyTo(null));

  line?.querySelector("[data-replying-cancel]")?.addEventListener("click", (event) => {
    event.preventDefault();
    replyTo(null);
    form.dispatchEvent(new Event("commonground:changed"));
    textarea?.focus();
  });

  function insert(words) {
    const before = textarea.value.replace(/\s+$/, "");
    textarea.value = before ? `${before}\n\n${words}` : words;
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  // The words selected inside a post, read before the click can clear them.
  let selected = { post: null, text: "" };
  function remember(link) {
    const body = link.closest("article")?.querySelector(".post__body");
    const selection = window.getSelection();
    const inside =
      body &&
      selection &&
      !selection.isCollapsed &&
      body.contains(selection.anchorNode) &&
      body.contains(selection.focusNode);
    selected = { post: link.dataset.quote, text: inside ? selection.toString() : "" };
  }
  document.addEventListener("pointerdown", (event) => {
    const link = event.target.closest?.("a[data-quote]");
    if (link) remember(link);
  });

  document.addEventListener("click", async (event) => {
    const reply = event.target.closest?.("a[data-reply]");
    const quote = event.target.closest?.("a[data-quote]");
    if (!(reply || quote) || !textarea || !hidden) return;
    event.preventDefault();
    const link = reply || quote;
    replyTo(link.dataset.reply || link.dataset.quote, link.dataset.author);
    if (reply) {
      form.dispatchEvent(new Event("commonground:changed"));
      textarea.focus();
      return;
    }
    if (selected.post !== quote.dataset.quote) remember(quote);
    const data = new FormData();
    data.append("selection", selected.text);
    selected = { post: null, text: "" };
    try {
      const response = await fetch(quote.dataset.quoteUrl, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": csrfToken(form), Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) throw new Error(`quote: ${response.status}`);
      insert((await response.json()).text);
    } catch {
      window.location.assign(quote.href); // the page fills the box instead
    }
  });
}

// "in reply to ..." on a post whose answer is on this page: go there without a reload.
document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[data-reply-target]");
  const target = link && document.getElementById(`post-${link.dataset.replyTarget}`);
  if (!target) return;
  event.preventDefault();
  window.history.pushState(null, "", `#${target.id}`);
  target.scrollIntoView({ block: "start" });
  target.focus();
});

for (const form of document.querySelectorAll("form.composer[data-draft-url]")) keepDrafts(form);
const replyForm = document.querySelector("#reply form.composer");
if (replyForm) replyBox(replyForm);
// Browser tests wait for this before using the composers.
document.documentElement.dataset.composersReady = "true";
