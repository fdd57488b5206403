// The room's page beside textual-serve's textual.js: the keyboard goes to the app on arrival
// and after every screen change, no key is lost while the connection opens, and the page says
// when the app is ready for keys.
//
// `<body data-ready="VIEW">`: set when the app has drawn a screen whose input holds the focus
// and the terminal holds the page's keyboard focus. VIEW is `question:<question id>` on a
// question, else the screen's name. It is removed while the connection is not open.
(function () {
  "use strict";
  const NativeWebSocket = window.WebSocket;
  const pending = []; // messages (keys) for the app, kept in order until the connection opens
  let socket = null;
  let readySeen = false;

  function terminalInput() {
    return document.querySelector("#terminal .xterm-helper-textarea");
  }

  function focusTerminal() {
    const input = terminalInput();
    if (input && document.activeElement !== input) input.focus({ preventScroll: true });
    return input !== null && document.activeElement === input;
  }

  function toApp(message) {
    if (socket && socket.readyState === NativeWebSocket.OPEN && pending.length === 0) {
      socket.send(message);
    } else {
      pending.push(message);
    }
  }

  function markReady(view) {
    if (focusTerminal()) {
      document.body.dataset.ready = view;
    } else {
      delete document.body.dataset.ready;
    }
  }

  window.WebSocket = class RoomWebSocket extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      socket = this;
      this.addEventListener("open", () => {
        for (const message of pending.splice(0)) super.send(message);
        focusTerminal();
      });
      this.addEventListener("close", () => {
        readySeen = false;
        delete document.body.dataset.ready;
      });
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") {
          // Textual's web driver starts the app blurred, after any focus the page sent while
          // connecting: until the app is ready, each frame it draws is answered with the focus.
          if (!readySeen && focusTerminal()) super.send(JSON.stringify(["focus"]));
          return;
        }
        const [kind, value] = JSON.parse(event.data);
        if (kind === "ready") {
          readySeen = true;
          markReady(String(value));
        }
      });
    }

    send(message) {
      // textual.js sends keys as soon as the terminal has them, also while connecting.
      if (this.readyState === NativeWebSocket.CONNECTING) {
        pending.push(message);
        return;
      }
      super.send(message);
    }
  };

  // Keys typed before the connection is open, or while the terminal has no focus, go to the
  // app all the same, in order (textual.js drops a key that comes before its connection).
  const KEYS = {
    Enter: "\r", Backspace: "\x7f", Tab: "\t", Escape: "\x1b", Delete: "\x1b[3~",
    ArrowUp: "\x1b[A", ArrowDown: "\x1b[B", ArrowRight: "\x1b[C", ArrowLeft: "\x1b[D",
    Home: "\x1b[H", End: "\x1b[F", PageUp: "\x1b[5~", PageDown: "\x1b[6~",
  };
  document.addEventListener(
    "keydown",
    (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      const open = socket !== null && socket.readyState === NativeWebSocket.OPEN;
      if (open && event.target === terminalInput()) return; // xterm.js has it
      if (event.target.closest && event.target.closest("button, input")) return;
      const text = event.key.length === 1 ? event.key : KEYS[event.key];
      if (text === undefined) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      toApp(JSON.stringify(["stdin", text]));
      focusTerminal();
    },
    true,
  );

  window.addEventListener("load", focusTerminal); // after textual.js has built the terminal
  window.addEventListener("focus", focusTerminal);
  document.addEventListener("click", (event) => {
    if (!event.target.closest("button")) focusTerminal();
  });
})();
