"""The page's own JavaScript: keyboard behaviour, accessibility repairs of Gradio's widgets,
and the conversation kept in the browser's storage (on the device, never on the server).

Strings only (no Gradio import); ``PAGE_JS`` runs once when the page loads, the others are
the ``js=`` functions of browser-only events in ``layout.py``.
"""

from __future__ import annotations

#: How long a saved conversation is restored after its last change (12 hours).
CHAT_TTL_MS = 12 * 3600 * 1000

PAGE_JS = r"""
() => {
  // Enter sends, Shift+Enter adds a new line (capture phase: runs before Gradio's own
  // handler, which would send on both). IME composition is left alone.
  const inBox = (e) => e.key === 'Enter' && !e.isComposing && e.target.closest
    && e.target.closest('#prompt');
  document.addEventListener('keydown', (e) => {
    if (!inBox(e)) return;
    e.stopPropagation();
    if (e.shiftKey) return;          // the textarea's default: a new line
    e.preventDefault();
    const send = document.querySelector('#send');
    if (send) send.click();
  }, true);
  // Gradio's textbox sends on keypress too (Shift+Enter included): keep it from seeing Enter.
  document.addEventListener('keypress', (e) => { if (inBox(e)) e.stopPropagation(); }, true);

  // Accessibility repairs of third-party widgets (WCAG 2.1 AA; checked by axe-core in
  // tests/test_browser.py). Re-applied as Gradio re-renders.
  const fix = () => {
    const box = document.querySelector('#prompt textarea');
    if (box && !box.getAttribute('aria-label')) box.setAttribute('aria-label', 'Message to the assistant');
    // Example prompts: a list role with button children fails aria-required-children.
    document.querySelectorAll('#chat .examples[role]').forEach((el) => {
      el.setAttribute('role', 'group'); el.setAttribute('aria-label', 'Example requests');
    });
    // Highlight legend: one tab stop for the whole legend, not one per chip.
    document.querySelectorAll('#spans .category-legend, #spans [data-testid="highlighted-text:category-legend"]').forEach((leg) => {
      if (leg.getAttribute('tabindex') !== '0') {
        leg.setAttribute('tabindex', '0'); leg.setAttribute('role', 'group');
        leg.setAttribute('aria-label', 'Legend: ' + leg.innerText.replace(/\s+/g, ', '));
      }
      // The chips are buttons (hover highlights a category): out of the tab order.
      leg.querySelectorAll('button, [tabindex]').forEach((c) => { if (c !== leg) c.setAttribute('tabindex', '-1'); });
    });
    // Buttons with no accessible name (icon-only): name them from their title or icon role.
    document.querySelectorAll('button').forEach((b) => {
      if (b.innerText.trim() || (b.getAttribute('aria-label') || '').trim() || b.title) return;
      b.setAttribute('aria-label', b.closest('.message-buttons, .message-buttons-bot') ? 'Copy message' : 'Button');
    });
    // A status title that is itself a button must not contain other controls.
    document.querySelectorAll('#chat [role="button"]').forEach((t) => {
      if (t.querySelector('button, a, [tabindex]')) { t.removeAttribute('role'); }
    });
    const hint = document.querySelector('#composer-hint');
    if (hint && !hint.getAttribute('role')) { hint.setAttribute('role', 'status'); hint.setAttribute('aria-live', 'polite'); }
  };
  let pending = false;
  new MutationObserver(() => {
    if (pending) return; pending = true;
    requestAnimationFrame(() => { pending = false; fix(); });
  }).observe(document.body, {subtree: true, childList: true});
  fix();
}
"""

#: ``(history, key) -> undefined``: save the conversation under the user's key (or forget it
#: when it is empty). Runs in the browser on every change of the chat.
SAVE_CHAT_JS = r"""
(history, key) => {
  if (!key) return;
  try {
    if (!history || !history.length) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify({t: Date.now(), h: history}));
  } catch (e) { /* storage full or disabled: the chat still works, it is just not kept */ }
}
"""

#: ``(key) -> [history]``: the saved conversation if younger than ``CHAT_TTL_MS``, else [].
#: (Wrapped in a list: Gradio reads an array returned by a ``js`` function as one value per
#: output, and the history is itself an array.)
RESTORE_CHAT_JS = r"""
(key) => {
  try {
    const raw = key && localStorage.getItem(key);
    if (!raw) return [[]];
    const d = JSON.parse(raw);
    if (!d || !Array.isArray(d.h) || Date.now() - d.t > TTL) { localStorage.removeItem(key); return [[]]; }
    // An answer cut off by the reload is not still running.
    return [d.h.map((m) => (m && m.metadata && m.metadata.status === 'pending')
      ? {...m, metadata: {...m.metadata, status: 'done'}} : m)];
  } catch (e) { return [[]]; }
}
""".replace("TTL", str(CHAT_TTL_MS))
