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
