/* Qser.dragOrdering: ordering items move by pointer drag on their grip, beside the Move up / Move
   down buttons, which are the keyboard and single-pointer way to do the same (WCAG 2.2 2.5.7). */
((Qser) => {
"use strict";

const { data } = Qser.contract;

/* Drag in any ordering list inside `root`; `moved(item)` after each drop that changed the order. */
Qser.dragOrdering = (root, moved) => {
  root.addEventListener("pointerdown", (event) => {
    const grip = event.target.closest(".qser-grip"), item = grip && grip.closest(`li[${data.item}]`);
    const list = item && item.parentNode;
    if (!item || list.classList.contains("qser-fixed") || event.button !== 0) return;
    event.preventDefault();
    const before = [...list.children];
    item.classList.add("qser-dragging");
    /* The item goes before the first other item whose middle is below the pointer. */
    const follow = (move) => {
      const next = [...list.children].find((other) => {
        const box = other.getBoundingClientRect();
        return other !== item && move.clientY < box.top + box.height / 2;
      });
      if (next !== item.nextElementSibling) list.insertBefore(item, next || null);
    };
    const dragging = new AbortController(), drop = () => {
      dragging.abort();
      item.classList.remove("qser-dragging");
      if ([...list.children].some((other, i) => other !== before[i])) moved(item);
    };
    /* On the document, not the grip: moving the item in the list ends any pointer capture. */
    for (const [type, listener] of [["pointermove", follow], ["pointerup", drop], ["pointercancel", drop]]) {
      document.addEventListener(type, listener, { signal: dragging.signal });
    }
  });
};
})(window.Qser = window.Qser || {});
