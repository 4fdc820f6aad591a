// Live updates: new replies, edits and removals appear without a reload; the
// home and category pages show new threads and activity. Without JavaScript
// (or while disconnected) every page still works by reloading.
//
// The socket reconnects by itself with backoff, and on every (re)connection
// asks for what it missed ("resume"), so nothing is lost in a dropped signal.

function socketUrl(path) {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}${path}`;
}

// A socket that comes back by itself: 1 s, 2 s, 4 s ... up to 30 s, with jitter.
function lastingSocket(path, { onOpen, onFrame, onDrop }) {
  let socket = null;
  let delay = 1000;
  function open() {
    socket = new WebSocket(socketUrl(path));
    socket.addEventListener("open", () => {
      delay = 1000;
      onOpen();
    });
    socket.addEventListener("message", (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      onFrame(frame);
    });
    socket.addEventListener("close", () => {
      onDrop();
      setTimeout(open, delay + Math.random() * delay * 0.3);
      delay = Math.min(delay * 2, 30000);
    });
  }
  open();
  return {
    send(frame) {
      if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify(frame));
        return true;
      }
      return false;
    },
    get isOpen() {
      return Boolean(socket && socket.readyState === WebSocket.OPEN);
    },
    // For tests and for "reconnect now" links: drop the socket; it comes back.
    drop() {
      if (socket) socket.close();
    },
  };
}

function fragment(html) {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  const element = template.content.firstElementChild;
  // Fragments are rendered once for everyone, so their forms carry no token;
  // this page's own token goes in.
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) {
    for (const input of element.querySelectorAll("input[name=csrfmiddlewaretoken]")) {
      input.value = token.value;
    }
  }
  return element;
}

// Keyboard and screen-reader users carry on from their own new post, not the page top.
function focusPost(element) {
  element.tabIndex = -1;
  element.focus();
}

function announce(region, text) {
  if (!region) return;
  region.textContent = "";
  // A fresh text node makes screen readers read it even if it is the same words.
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

// -- a thread -----------------------------------------------------------------

function liveThread(posts) {
  const data = posts.dataset;
  const threadId = data.liveThread;
  const onLastPage = data.lastPage === "true";
  const status = document.querySelector("[data-live-status]");
  const announcer = document.querySelector("[data-live-announce]");
  const notice = document.querySelector("[data-live-notice]");
  const form = document.querySelector("#reply form.composer");
  const textarea = form && form.querySelector("textarea[name=body]");
  // The thread's change number this page is up to date with: on reconnecting
  // it asks for every change after it (new posts, edits, hides, reactions).
  let since = Number(data.after || 0);
  let readers = null;
  let typingUntil = 0;
  let paused = false;
  const waiting = new Map(); // ref -> submit button, for replies sent over the socket
  // A member's place in the thread moves on to the live posts they were shown
  // (once the tab is in view), so lists do not call them new.
  let unsaidRead = 0;
  function tellRead(id) {
    if (!("member" in data)) return;
    unsaidRead = Math.max(unsaidRead, id);
    if (document.visibilityState !== "visible") return;
    if (socket.send({ type: "read", id: unsaidRead })) unsaidRead = 0;
  }
  document.addEventListener("visibilitychange", () => {
    if (unsaidRead) tellRead(unsaidRead);
  });

  function showStatus() {
    const parts = [];
    if (paused) parts.push(data.textPaused);
    if (readers !== null) parts.push(data.textReading.replace("%(count)s", readers));
    if (Date.now() < typingUntil) parts.push(data.textTyping);
    if (status) status.textContent = parts.join(" · ");
  }

  function place(element, id) {
    const later = [...posts.querySelectorAll("[data-post-id]")].find(
      (el) => Number(el.dataset.postId) > id,
    );
    posts.querySelector(".empty")?.remove();
    if (later) posts.insertBefore(element, later);
    else posts.append(element);
  }

  function newest() {
    const ids = [...posts.querySelectorAll("[data-post-id]")].map((el) => Number(el.dataset.postId));
    return ids.length ? Math.max(...ids) : 0;
  }

  // A muted member's post is folded inside <details>: the post itself is its article.
  function holder(id) {
    const article = document.getElementById(`post-${id}`);
    return article?.closest("details.muted-post") || article;
  }

  function onPost(frame) {
    if (frame.seq) since = Math.max(since, frame.seq);
    const existing = holder(frame.id);
    if (frame.html === null) {
      existing?.remove();
      return;
    }
    const element = fragment(frame.html);
    if (existing) {
      // Which reactions are this reader's own is the page's to keep; so are a
      // note left under the author's own new post, and where focus was.
      for (const button of element.querySelectorAll(".reaction")) {
        const old = existing.querySelector(`.reaction[value="${button.value}"]`);
        if (old) button.setAttribute("aria-pressed", old.getAttribute("aria-pressed"));
      }
      const article = element.matches("article") ? element : element.querySelector("article");
      for (const note of existing.querySelectorAll(":scope > .message")) article?.append(note);
      const hadFocus = existing.contains(document.activeElement);
      existing.replaceWith(element);
      if (hadFocus && article) focusPost(article);
    } else if (frame.id > newest() || !posts.querySelector("[data-post-id]")) {
      if (onLastPage) {
        place(element, frame.id);
        announce(announcer, data.textNewReply);
        tellRead(frame.id);
      } else if (notice) {
        notice.hidden = false;
      }
    }
  }

  function onReactions(frame) {
    if (frame.seq) since = Math.max(since, frame.seq);
    const post = document.getElementById(`post-${frame.id}`);
    if (!post) return;
    for (const [kind, count] of Object.entries(frame.counts)) {
      const number = post.querySelector(`.reaction[value="${kind}"] .reaction__count`);
      if (number) number.textContent = count || "";
    }
  }

  function onAck(frame) {
    const button = waiting.get(frame.ref);
    waiting.delete(frame.ref);
    if (button) button.disabled = false;
    if (textarea) {
      textarea.value = "";
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
    for (const box of form?.querySelectorAll("input[name=content_warnings]:checked") || []) {
      box.checked = false;
    }
    form?.querySelector(".live-error")?.remove();
    form?.dispatchEvent(new Event("commonground:posted"));
    const mine = fragment(frame.html);
    const existing = holder(frame.id);
    if (existing) existing.replaceWith(mine);
    else place(mine, frame.id);
    if (frame.notes && frame.notes.length) {
      const note = document.createElement("p");
      note.className = frame.level === "held" ? "message message--warning" : "message";
      note.textContent = frame.notes.join(" ");
      mine.append(note);
    }
    focusPost(mine);
    announce(announcer, data.textPosted);
  }

  function onError(frame) {
    const button = waiting.get(frame.ref);
    waiting.delete(frame.ref);
    if (button) button.disabled = false;
    if (!form || frame.ref === undefined) return;
    form.dispatchEvent(new Event("commonground:refused"));
    let box = form.querySelector(".live-error");
    if (!box) {
      box = document.createElement("div");
      box.className = "form-errors live-error";
      box.setAttribute("role", "alert");
      form.prepend(box);
    }
    // The text stays in the box: it was never cleared.
    box.textContent = frame.message;
    if (frame.code === "sign_in") {
      // The sign-in ended while the page was open: the words go with a plain
      // post, which keeps them through signing in or joining (see forum.drafts).
      for (const [url, words] of [
        [frame.sign_in_url, frame.sign_in_text],
        [frame.join_url, frame.join_text],
      ]) {
        if (!url) continue;
        const link = document.createElement("a");
        link.href = url;
        link.textContent = words;
        box.append(" ", link);
      }
      HTMLFormElement.prototype.submit.call(form);
    }
  }

  // A plain form post comes back to #post-<id>: focus that post.
  if (/^#post-\d+$/.test(window.location.hash)) {
    const target = document.getElementById(window.location.hash.slice(1));
    if (target) focusPost(target);
  }

  const socket = lastingSocket(`/ws/threads/${threadId}/`, {
    onOpen() {
      socket.send({ type: "resume", after: since });
    },
    onDrop() {
      // A reply that was on its way when the connection dropped has no answer
      // coming: its words are still in the box, and the button works again.
      for (const button of waiting.values()) if (button) button.disabled = false;
      waiting.clear();
      if (!paused) {
        paused = true;
        announce(announcer, data.textPaused);
        showStatus();
      }
    },
    onFrame(frame) {
      switch (frame.type) {
        case "post":
          onPost(frame);
          break;
        case "reactions":
          onReactions(frame);
          break;
        case "resumed":
          since = Math.max(since, frame.after);
          if (paused) {
            paused = false;
            announce(announcer, data.textBack);
          }
          showStatus();
          break;
        case "presence":
          readers = frame.count;
          showStatus();
          break;
        case "typing":
          typingUntil = Date.now() + 4000;
          showStatus();
          setTimeout(showStatus, 4100);
          break;
        case "resume.overflow":
          if (notice) notice.hidden = false;
          break;
        case "ack":
          onAck(frame);
          break;
        case "error":
          onError(frame);
          break;
      }
    },
  });
  window.commonGroundLive = socket;

  if (form && textarea) {
    let lastTyping = 0;
    textarea.addEventListener("input", () => {
      if (!textarea.value || Date.now() - lastTyping < 3000) return;
      lastTyping = Date.now();
      socket.send({ type: "typing" });
    });
    form.addEventListener("submit", (event) => {
      // Saving a draft is its own request (drafts.js). A visitor's reply goes
      // as a plain post, which keeps their words while they sign in or join.
      if (event.submitter && event.submitter.name === "draft") return;
      if (form.hasAttribute("data-visitor")) return;
      if (!socket.isOpen || !textarea.value.trim()) return; // the plain form post
      event.preventDefault();
      const ref = `r${Date.now()}${Math.random().toString(16).slice(2, 6)}`;
      const button = form.querySelector("button[type=submit]");
      const anonymous = form.querySelector("input[name=anonymous]");
      if (button) button.disabled = true;
      waiting.set(ref, button);
      const warnings = [...form.querySelectorAll("input[name=content_warnings]:checked")].map(
        (box) => box.value,
      );
      const replyTo = Number(form.querySelector("input[name=reply_to]")?.value || 0);
      socket.send({
        type: "reply",
        ref,
        reply_to: replyTo || null,
        body: textarea.value,
        anonymous: Boolean(anonymous && anonymous.checked),
        content_warnings: warnings,
      });
    });
  }
}

// -- home and category pages ------------------------------------------------------

// A row comes live as everyone sees it; this reader's own "n new" (added by the
// server per member) stays with it until the next reload recounts.
function keepOwnCount(row, old) {
  const badge = old?.querySelector(".tag--new");
  const title = row.querySelector(".thread-row__title");
  const oldTitle = old?.querySelector(".thread-row__title");
  if (!badge || !title || !oldTitle) return;
  title.href = oldTitle.href;
  title.setAttribute("aria-describedby", badge.id);
  title.after(badge);
}

function rowTime(row) {
  return Date.parse(row.querySelector("time")?.getAttribute("datetime") || "") || 0;
}

// The home page's "Latest": most recent activity first, at most data-limit rows.
function placeLatest(latest, frame) {
  const old = latest.querySelector(`#thread-${frame.thread}`);
  const row = fragment(frame.row);
  keepOwnCount(row, old);
  old?.remove();
  const when = rowTime(row);
  const later = [...latest.children].find((el) => rowTime(el) < when);
  if (later) latest.insertBefore(row, later);
  else latest.append(row);
  const limit = Number(latest.dataset.limit || 10);
  while (latest.children.length > limit) latest.lastElementChild.remove();
  latest.parentElement?.querySelector(".empty")?.remove();
}

function liveActivity(list, path, { categoryId }) {
  const announcer = document.querySelector("[data-live-announce]");
  const firstPage = list.dataset.firstPage !== "false";
  const latest = document.querySelector("[data-live-latest]");
  // Kept where tests (and "reconnect now" links) can reach it, like the thread's.
  window.commonGroundActivity = lastingSocket(path, {
    onOpen() {},
    onDrop() {},
    onFrame(frame) {
      if (frame.type !== "activity") return;
      if (categoryId === undefined) {
        document.getElementById(`category-${frame.category}`)?.replaceWith(fragment(frame.card));
        if (latest) placeLatest(latest, frame);
        return;
      }
      if (String(frame.category) !== categoryId || !firstPage) return;
      const old = document.getElementById(`thread-${frame.thread}`);
      const row = fragment(frame.row);
      keepOwnCount(row, old);
      old?.remove();
      // Pinned threads stay on top; the most recent activity comes next.
      const firstUnpinned = [...list.children].find(
        (el) => !el.classList.contains("thread-row--pinned"),
      );
      if (frame.pinned || !firstUnpinned) list.prepend(row);
      else list.insertBefore(row, firstUnpinned);
      document.querySelector(".empty")?.remove();
      announce(announcer, list.dataset.textActivity);
    },
  });
}

const thread = document.querySelector("[data-live-thread]");
if (thread) liveThread(thread);
const home = document.querySelector("[data-live-home]") || document.querySelector("[data-live-latest]");
if (home) liveActivity(home, "/ws/home/", {});
const category = document.querySelector("[data-live-category]");
if (category) {
  liveActivity(category, `/ws/categories/${category.dataset.liveCategory}/`, {
    categoryId: category.dataset.liveCategory,
  });
}

// The unread notification count in the header, kept current.
const unread = document.querySelector("[data-notifications] [data-unread]");
if (unread) {
  lastingSocket("/ws/notifications/", {
    onOpen() {},
    onDrop() {},
    onFrame(frame) {
      if (frame.type !== "unread") return;
      unread.textContent = frame.unread;
      unread.hidden = !frame.unread;
    },
  });
}
