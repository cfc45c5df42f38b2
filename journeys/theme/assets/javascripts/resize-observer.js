/* A small ResizeObserver for browsers without one. Material's bundle would otherwise fetch a
   polyfill from unpkg.com, and this site loads nothing from other hosts. It reports an observed
   element when it is first observed and whenever its size changes, checking when the window
   resizes, when the document changes, and twice a second. ES5, for the old browsers that need it. */
(function () {
  "use strict";
  if (typeof window === "undefined" || typeof window.ResizeObserver !== "undefined") {
    return;
  }
  var observers = [];
  var pending = false;

  function sizeOf(element) {
    var box = element.getBoundingClientRect();
    return { width: box.width, height: box.height };
  }

  function ResizeObserver(callback) {
    this.callback = callback;
    this.targets = [];
  }

  ResizeObserver.prototype.observe = function (target) {
    for (var i = 0; i < this.targets.length; i++) {
      if (this.targets[i].target === target) { return; }
    }
    this.targets.push({ target: target, size: null });
    if (observers.indexOf(this) < 0) { observers.push(this); }
    schedule();
  };

  ResizeObserver.prototype.unobserve = function (target) {
    this.targets = this.targets.filter(function (item) { return item.target !== target; });
  };

  ResizeObserver.prototype.disconnect = function () {
    this.targets = [];
    var index = observers.indexOf(this);
    if (index >= 0) { observers.splice(index, 1); }
  };

  function check() {
    observers.slice().forEach(function (observer) {
      var entries = [];
      observer.targets.forEach(function (item) {
        var now = sizeOf(item.target);
        if (!item.size || now.width !== item.size.width || now.height !== item.size.height) {
          item.size = now;
          entries.push({ target: item.target, contentRect: {
            x: 0, y: 0, top: 0, left: 0, right: now.width, bottom: now.height, width: now.width, height: now.height
          } });
        }
      });
      if (entries.length) { observer.callback.call(observer, entries, observer); }
    });
  }

  function schedule() {
    if (pending) { return; }
    pending = true;
    (window.requestAnimationFrame || window.setTimeout)(function () { pending = false; check(); });
  }

  window.addEventListener("resize", schedule);
  window.addEventListener("load", schedule);
  if (window.MutationObserver) {
    new window.MutationObserver(schedule).observe(document.documentElement,
      { attributes: true, childList: true, subtree: true, characterData: true });
  }
  window.setInterval(check, 500);
  window.ResizeObserver = ResizeObserver;
})();
