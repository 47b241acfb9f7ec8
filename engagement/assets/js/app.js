// Progressive enhancement only: every page works without this file.
import { initAll } from "./govuk/govuk-frontend.min.js";

initAll();

// Read-aloud: speaks the page's main question in the page's language, using
// the browser's own speech synthesis (nothing is sent anywhere).
const button = document.querySelector("[data-read-aloud]");
if (button && "speechSynthesis" in window) {
  const lang = document.documentElement.lang;
  const hasVoice = () =>
    window.speechSynthesis.getVoices().some((voice) => voice.lang.toLowerCase().startsWith(lang));
  const show = () => {
    if (hasVoice()) button.hidden = false;
  };
  show();
  window.speechSynthesis.addEventListener("voiceschanged", show);
  button.addEventListener("click", () => {
    const target = document.querySelector(button.dataset.readAloud);
    if (!target) return;
    window.speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(target.innerText);
    utterance.lang = lang;
    window.speechSynthesis.speak(utterance);
  });
}

// Audit standard pages: save answers as people type, keep unsaved typing on this
// device (localStorage) until the server has it, and warn before the session ends.
// Without JavaScript the form's own save buttons do the same job.
const autosaveForm = document.querySelector("form[data-autosave]");
if (autosaveForm) autosave(autosaveForm);

function autosave(form) {
  const PAUSE = 2000; // save this long after the last keystroke
  const WARN_AFTER = 25 * 60 * 1000; // the server signs staff out after 30 idle minutes
  const SIGNED_OUT_AFTER = 30 * 60 * 1000;
  const RETRY = 30 * 1000;
  const ANSWER = /^(rating|evidence|impact|reason)_/;
  const TEXTS = ["evidence", "impact", "reason"];
  const SIGNED_OUT =
    "You have been signed out. Your typing is kept on this device: sign in again and come back to this page to save it.";
  const url = form.dataset.autosave;
  const key = form.dataset.draftKey;
  const status = document.querySelector("[data-autosave-status]");
  const warning = document.querySelector("[data-session-warning]");
  const warningText = document.querySelector("[data-session-warning-text]");
  const stay = document.querySelector("[data-stay-signed-in]");

  let timer = null; // the pending save after a pause
  let retryTimer = null;
  let sending = false;
  let queued = false;
  let dirty = false; // changes the server has not confirmed
  let applying = false; // our own changes to the fields, not the person's
  let notice = ""; // said before "Saved at" until the person types again
  let signedOut = false;
  let lastAlive = Date.now(); // the page itself was a request
  let focusBefore = null;
  let submitter = undefined; // a save button pressed before the last typing was saved
  let releasing = false; // that button's submission, let through
  let retries = 0;

  const answerFields = () =>
    Array.from(form.elements).filter((field) => field.name && ANSWER.test(field.name));
  const normal = (text) => (text ?? "").replace(/\r\n?/g, "\n");
  const say = (text) => {
    if (status && status.textContent !== text) status.textContent = text;
  };
  const labelFor = (field) => {
    const label = field.labels && field.labels[0];
    return label ? label.textContent.trim() : field.name;
  };

  // The answers as the person has them now: field name → value (plus base versions).
  function current() {
    const values = {};
    for (const field of form.elements) {
      if (!field.name) continue;
      if (ANSWER.test(field.name)) {
        if (field.type === "radio") {
          if (!(field.name in values)) values[field.name] = "";
          if (field.checked) values[field.name] = field.value;
        } else {
          values[field.name] = field.value;
        }
      } else if (field.name.startsWith("version_")) {
        values[field.name] = field.value;
      }
    }
    return values;
  }

  function setField(name, value) {
    const field = form.elements[name];
    if (!field) return;
    applying = true;
    try {
      if (field instanceof RadioNodeList) {
        for (const radio of field) radio.checked = radio.value === value;
      } else if (field.type === "radio") {
        field.checked = field.value === value;
      } else if (field.value !== value) {
        // Keep the caret where it was relative to the text after it.
        const focused = document.activeElement === field;
        const after = focused ? field.value.slice(field.selectionEnd) : "";
        field.value = value;
        if (focused && value.endsWith(after)) {
          const caret = value.length - after.length;
          field.setSelectionRange(caret, caret);
        }
        // GOV.UK character counts listen for input.
        field.dispatchEvent(new Event("input", { bubbles: true }));
      }
    } finally {
      applying = false;
    }
  }

  // The copy on this device.
  function keepDraft() {
    try {
      localStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), fields: current() }));
    } catch {
      // Storage full or turned off: the server copy is all there is.
    }
  }
  function dropDraft() {
    try {
      localStorage.removeItem(key);
    } catch {
      // Nothing to do.
    }
  }
  function storedDraft() {
    try {
      const draft = JSON.parse(localStorage.getItem(key) || "null");
      return draft && typeof draft.fields === "object" ? draft : null;
    } catch {
      return null;
    }
  }

  // Marks on the boxes the server refused, like the page's own error messages.
  function clearMarks() {
    for (const mark of form.querySelectorAll("[data-autosave-error]")) {
      for (const element of form.querySelectorAll(`[aria-describedby~="${mark.id}"]`)) {
        const ids = element.getAttribute("aria-describedby").split(" ");
        element.setAttribute("aria-describedby", ids.filter((id) => id !== mark.id).join(" "));
      }
      const group = mark.closest(".govuk-form-group");
      mark.remove();
      // The page's own messages, and a character count over its limit, stay.
      const others = ".govuk-error-message:not(.govuk-character-count__message)";
      if (group && !group.querySelector(others)) {
        group.classList.remove("govuk-form-group--error");
        for (const box of group.querySelectorAll(".govuk-textarea--error")) {
          box.classList.remove("govuk-textarea--error");
        }
      }
    }
  }
  function mark(errors) {
    clearMarks();
    let marked = 0;
    for (const [name, messages] of Object.entries(errors)) {
      const found = form.elements[name];
      const field = found instanceof RadioNodeList ? found[0] : found;
      if (!field || field.type === "hidden") continue;
      const group = field.closest(".govuk-form-group");
      if (!group) continue;
      const message = document.createElement("p");
      message.className = "govuk-error-message";
      message.id = `${name}-autosave-error`;
      message.dataset.autosaveError = "";
      const hidden = document.createElement("span");
      hidden.className = "govuk-visually-hidden";
      hidden.textContent = "Error:";
      message.append(hidden, ` ${[].concat(messages).join(". ")}`);
      group.classList.add("govuk-form-group--error");
      if (field.type === "radio") {
        (field.closest(".govuk-radios") || field).before(message);
        const fieldset = field.closest("fieldset");
        if (fieldset) describe(fieldset, message.id);
      } else {
        field.before(message);
        field.classList.add("govuk-textarea--error");
        describe(field, message.id);
      }
      marked += 1;
    }
    return marked;
  }
  function describe(element, id) {
    const ids = (element.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    element.setAttribute("aria-describedby", [...ids, id].join(" "));
  }

  // "Not applicable" needs a reason; wait for it rather than be refused.
  function missingReason() {
    for (const field of form.querySelectorAll("input[type=radio]:checked")) {
      if (field.value !== "not_applicable") continue;
      const reason = form.elements[field.name.replace(/^rating_/, "reason_")];
      if (reason && !reason.value.trim()) return reason;
    }
    return null;
  }

  function schedule(delay = PAUSE) {
    clearTimeout(timer);
    timer = setTimeout(() => save(), delay);
  }

  function save(forced = false) {
    clearTimeout(timer);
    timer = null;
    clearTimeout(retryTimer);
    if (sending) {
      queued = true;
      return;
    }
    const waiting = !forced && missingReason();
    if (waiting) {
      say(`${notice} Your answers will be saved when you fill in “${labelFor(waiting)}”.`.trim());
      return;
    }
    sending = true;
    const sent = current();
    const body = new FormData(form);
    fetch(url, {
      method: "POST",
      body,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(
        (response) => answered(response, sent),
        () => unreachable(),
      )
      .catch(() => trouble())
      .finally(() => {
        sending = false;
        if (submitter !== undefined) {
          const button = submitter;
          submitter = undefined;
          releasing = true;
          form.requestSubmit(button);
        } else if (queued) {
          queued = false;
          save();
        }
      });
  }

  async function answered(response, sent) {
    if (response.type === "opaqueredirect" || response.status === 0) return signOut();
    let reply = null;
    if ((response.headers.get("Content-Type") || "").includes("application/json")) {
      reply = await response.json();
    }
    if (!reply) {
      // The page timed out (CSRF), or something went wrong on the server.
      if (response.status === 400) return signOut();
      return trouble();
    }
    alive();
    if (response.ok && reply.saved) return saved(reply.answers || [], sent);
    if (response.status === 409 || response.status === 413) {
      // Locked, or too long: the typing stays on the page and on the device.
      say(reply.message || "This return can’t be changed now.");
      return;
    }
    if (reply.errors) {
      // Not saved again until the person changes something: no loop.
      say(
        mark(reply.errors)
          ? "Some answers could not be saved: check the boxes marked"
          : "Your answers could not be saved. Use a save button below to see why.",
      );
      return;
    }
    trouble();
  }

  function saved(answers, sent) {
    const now = current();
    const joined = [];
    for (const answer of answers) {
      const q = answer.question;
      const server = {};
      for (const part of TEXTS) server[`${part}_${q}`] = normal(answer[part]);
      // Boxes someone else changed while this save was on its way (the server trims).
      const changed = Object.keys(server).filter(
        (name) => name in sent && server[name] !== normal(sent[name]).trim(),
      );
      const ours = (name) => normal(sent[name]).trim();
      const spliceable = (name) => ours(name) && server[name].endsWith(ours(name));
      // Where the person typed on meanwhile, keep their typing: put the other person's
      // text in front of it when the server joined the two. If that can't be done, keep
      // the old version, so the next save is merged on the server instead.
      const advance = changed.every((name) => now[name] === sent[name] || spliceable(name));
      if (advance) {
        for (const name of changed) {
          const value =
            now[name] === sent[name]
              ? server[name]
              : server[name].slice(0, server[name].length - ours(name).length) + now[name];
          setField(name, value);
        }
        const rating = `rating_${q}`;
        if (now[rating] === sent[rating] && (answer.rating || "") !== sent[rating]) {
          setField(rating, answer.rating || "");
        }
        setField(`version_${q}`, String(answer.version));
      }
      if (answer.merged) {
        for (const name of changed) {
          if (spliceable(name) && server[name] !== ours(name)) {
            joined.push(labelFor(form.elements[name]));
          }
        }
      }
    }
    clearMarks();
    signedOut = false;
    retries = 0;
    const still = current();
    if (answerFields().some((field) => still[field.name] !== sent[field.name])) {
      keepDraft();
      if (!timer && !queued) schedule();
    } else {
      dirty = false;
      dropDraft();
    }
    if (joined.length) {
      notice =
        `Someone else was writing in ${joined.join(" and ")} at the same time. ` +
        "Their text was added and both versions are kept: check them and tidy up.";
    }
    const time = new Date();
    const hhmm = [time.getHours(), time.getMinutes()]
      .map((n) => String(n).padStart(2, "0"))
      .join(":");
    say(notice ? `${notice} Saved at ${hhmm}` : `Saved at ${hhmm}`);
  }

  function signOut() {
    signedOut = true;
    keepDraft();
    say(SIGNED_OUT);
    if (warning && !warning.hidden) {
      warningText.textContent = SIGNED_OUT;
      if (stay) stay.hidden = true;
    }
  }

  function trouble() {
    keepDraft();
    say(
      "Your answers could not be saved just now. They are kept on this device and we will try again, or use a save button below.",
    );
    retryLater();
  }
  function unreachable() {
    keepDraft();
    say(
      "We could not reach the server, so your typing is not saved yet. It is kept on this device and we will try again.",
    );
    retryLater();
  }
  function retryLater() {
    if (retries >= 5) return;
    retries += 1;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => save(), RETRY * retries);
  }
  window.addEventListener("online", () => {
    if (dirty && !signedOut) save();
  });

  // The session: warn 5 minutes before it ends, and let people stay signed in.
  function alive() {
    lastAlive = Date.now();
    if (warning && !warning.hidden) hideWarning();
  }
  function hideWarning() {
    const hadFocus = warning.contains(document.activeElement);
    warning.hidden = true;
    if (stay) stay.hidden = false;
    if (hadFocus) {
      const back =
        focusBefore && focusBefore.isConnected && focusBefore !== document.body
          ? focusBefore
          : document.querySelector("main h1");
      if (back === document.querySelector("main h1")) back.setAttribute("tabindex", "-1");
      back.focus();
    }
  }
  function showWarning(text, canStay) {
    warningText.textContent = text;
    if (stay) stay.hidden = !canStay;
    if (warning.hidden) {
      focusBefore = document.activeElement;
      warning.hidden = false;
      warning.setAttribute("tabindex", "-1");
      warning.focus();
    }
  }
  function checkSession() {
    if (!warning || !warningText) return;
    const idle = Date.now() - lastAlive;
    if (signedOut) return;
    if (idle >= SIGNED_OUT_AFTER) {
      signedOut = true;
      if (dirty) keepDraft();
      showWarning(
        "You have been signed out because nothing was saved for 30 minutes. Your typing is kept on this device: sign in again and come back to this page to save it.",
        false,
      );
    } else if (idle >= WARN_AFTER) {
      showWarning(
        "You will be signed out in 5 minutes because nothing has been saved. Select Stay signed in to keep working.",
        true,
      );
    }
  }
  // Timers in background tabs are slowed, so check the clock often rather than wait once.
  setInterval(checkSession, 10 * 1000);
  document.addEventListener("visibilitychange", checkSession);
  if (stay) stay.addEventListener("click", () => save(true));

  // Typing.
  function edited(event) {
    if (applying || !event.target.name || !ANSWER.test(event.target.name)) return;
    // A box's change on leaving it repeats what its input events said.
    if (event.type === "change" && event.target.type !== "radio") return;
    dirty = true;
    notice = "";
    keepDraft();
    schedule();
  }
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);
  form.addEventListener("focusout", (event) => {
    const field = event.target;
    if (!dirty || !field.name || !ANSWER.test(field.name)) return;
    // Moving between the radios of one question is not leaving it.
    if (event.relatedTarget && event.relatedTarget.name === field.name) return;
    save();
  });
  form.addEventListener("submit", (event) => {
    clearTimeout(timer);
    timer = null;
    queued = false;
    if (releasing) {
      releasing = false;
      return;
    }
    if (sending || dirty) {
      // Save the last typing first (so the versions sent are current and the copy on
      // this device is removed), then send the form as the person asked.
      event.preventDefault();
      submitter = event.submitter || null;
      if (!sending) save(true);
    }
  });

  // Typing kept on this device from last time: put it back and save it.
  const draft = storedDraft();
  if (draft) {
    const page = current();
    const differs = Object.keys(draft.fields).some(
      (name) => ANSWER.test(name) && name in page && draft.fields[name] !== page[name],
    );
    if (differs) {
      for (const [name, value] of Object.entries(draft.fields)) {
        if (name in page && (ANSWER.test(name) || name.startsWith("version_"))) {
          setField(name, String(value));
        }
      }
      dirty = true;
      notice = "We put back typing that had not been saved.";
      say(`${notice} It will be saved now.`);
      save();
    } else {
      dropDraft();
    }
  }
}
