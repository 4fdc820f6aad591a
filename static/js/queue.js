// The live review queue: new items appear, items being handled say by whom,
// and resolved items leave every moderator's screen. Without JavaScript the
// queue is a plain page that shows the same on reload.

const list = document.querySelector("[data-live-queue]");

function fragment(html) {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  return template.content.firstElementChild;
}

if (list) {
  const csrf = list.dataset.csrf;
  const status = document.querySelector("[data-queue-status]");
  const announcer = document.querySelector("[data-live-announce]");
  let socket = null;
  let delay = 1000;

  function withToken(item) {
    // Items rendered for everyone carry no form token; this page has one.
    for (const input of item.querySelectorAll("input[name=csrfmiddlewaretoken]")) {
      input.value = csrf;
    }
    return item;
  }

  function place(frame) {
    const item = withToken(fragment(frame.html));
    const existing = document.getElementById(`queue-${frame.post}`);
    if (existing) {
      existing.replaceWith(item);
      return;
    }
    document.querySelector(".empty")?.remove();
    const firstCalm = [...list.children].find((el) => el.dataset.urgent !== "true");
    if (frame.urgent && firstCalm) list.insertBefore(item, firstCalm);
    else list.append(item);
    if (announcer) announcer.textContent = list.dataset.textNew;
  }

  function open() {
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(`${scheme}//${window.location.host}/ws/moderation/queue/`);
    socket.addEventListener("open", () => {
      delay = 1000;
      if (status) status.textContent = "";
    });
    socket.addEventListener("message", (event) => {
      const frame = JSON.parse(event.data);
      if (frame.type === "item") place(frame);
      if (frame.type === "resolved") document.getElementById(`queue-${frame.post}`)?.remove();
      if (frame.type === "handling") {
        const badge = document.querySelector(`#queue-${frame.post} [data-handling]`);
        if (badge) {
          badge.textContent = list.dataset.textHandling.replace("%(handle)s", frame.handle);
          badge.hidden = false;
        }
      }
    });
    socket.addEventListener("close", () => {
      if (status) status.textContent = list.dataset.textPaused;
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 30000);
    });
  }
  open();

  // Opening an item (focusing or clicking inside it) tells the other moderators.
  const told = new Set();
  list.addEventListener("focusin", (event) => {
    const item = event.target.closest("[data-post-id]");
    if (!item || told.has(item.dataset.postId) || socket?.readyState !== WebSocket.OPEN) return;
    told.add(item.dataset.postId);
    socket.send(JSON.stringify({ type: "open", post: Number(item.dataset.postId) }));
  });
}
