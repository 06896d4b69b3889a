// The countdown on a timed quiz. The server enforces the deadline whatever happens here.
// Screen readers hear it only at thresholds (through an aria-live region), never every second;
// a learner who finds a ticking clock distracting can hide it and still gets the warnings.
const THRESHOLDS = [10 * 60, 5 * 60, 60];

function format(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m} minute${m === 1 ? '' : 's'} ${String(s).padStart(2, '0')} second${s === 1 ? '' : 's'}`;
}

function start(timer) {
  const deadline = Date.parse(timer.dataset.deadline);
  const remaining = timer.querySelector('[data-timer-remaining]');
  const warning = timer.querySelector('[data-timer-warning]');
  const toggle = timer.querySelector('[data-timer-toggle]');
  const announce = timer.querySelector('[data-timer-announce]');
  const left = () => Math.max(0, Math.round((deadline - Date.now()) / 1000));
  // Thresholds already passed when the page loads are not announced again on every page.
  const said = new Set(THRESHOLDS.filter((t) => left() <= t));

  remaining.hidden = false;
  toggle.hidden = false;
  toggle.addEventListener('click', () => {
    const hide = !remaining.hidden;
    remaining.hidden = hide;
    toggle.setAttribute('aria-pressed', String(hide));
    toggle.textContent = hide ? 'Show the timer' : 'Hide the timer';
  });

  const tick = () => {
    const seconds = left();
    remaining.textContent = `Time left: ${format(seconds)}`;
    for (const threshold of THRESHOLDS) {
      if (seconds <= threshold && !said.has(threshold)) {
        said.add(threshold);
        const minutes = threshold / 60;
        const message = `${minutes} minute${minutes === 1 ? '' : 's'} left. Save your answers soon.`;
        warning.textContent = message;
        warning.hidden = false;
        announce.textContent = message;
      }
    }
    if (seconds === 0) {
      const message = 'Time is up. Answers saved before now will be marked.';
      warning.textContent = message;
      announce.textContent = message;
      clearInterval(interval);
    }
  };
  const interval = setInterval(tick, 1000);
  tick();
}

document.querySelectorAll('[data-quiz-timer]').forEach(start);
