/* Check-in page: camera scanning, background form posts and the live count of arrivals.
   Progressive enhancement: without this script (or without a camera) the page is a plain form that works.
   Scanning uses the browser's own BarcodeDetector; where it is missing the camera button stays hidden. */
(() => {
  "use strict";

  const root = document.querySelector("[data-checkin]");
  if (!root) return;

  const COUNT_EVERY_MS = 10000;
  const SCAN_EVERY_MS = 250;
  const SAME_CODE_PAUSE_MS = 4000;

  const codeInput = root.querySelector("[data-checkin-code]");
  let busy = false;
  let stream = null; // the camera, while it runs

  /* ---------- Background submit: the page's own forms, answered by the page's own HTML ---------- */

  const swap = (html) => {
    const next = new DOMParser().parseFromString(html, "text/html");
    for (const selector of ["[data-checkin-result]", "[data-checkin-count]", "[data-checkin-recent]"]) {
      const current = root.querySelector(selector);
      const fresh = next.querySelector(selector);
      if (current && fresh) current.replaceWith(fresh);
    }
    const present = root.querySelector("[data-checkin-present]");
    if (codeInput && !present) codeInput.value = "";
    if (present) {
      present.focus();
    } else if (codeInput && !stream) {
      // Typing at the door: ready for the next code. (With the camera on, a phone's keyboard would hide it.)
      codeInput.focus();
    }
  };

  const submitInBackground = async (form) => {
    if (busy) return;
    busy = true;
    try {
      const response = await fetch(form.getAttribute("action") || window.location.href, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      });
      // Any answer that is not the page (a login redirect, a server error) is shown the ordinary way.
      if (!(response.headers.get("Content-Type") || "").startsWith("text/html") || response.redirected) {
        form.submit();
        return;
      }
      swap(await response.text());
      if (navigator.vibrate) navigator.vibrate(60);
    } catch (error) {
      form.submit();
    } finally {
      busy = false;
    }
  };

  root.addEventListener("submit", (event) => {
    const form = event.target.closest("[data-checkin-form]");
    if (!form || !window.fetch || !window.DOMParser) return;
    event.preventDefault();
    submitInBackground(form);
  });

  /* ---------- Live count ---------- */

  const refreshCount = async () => {
    if (document.hidden) return;
    try {
      const response = await fetch(root.dataset.countUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const counts = await response.json();
      const arrived = root.querySelector("[data-checkin-arrived]");
      const confirmed = root.querySelector("[data-checkin-confirmed]");
      if (arrived) arrived.textContent = counts.checked_in;
      if (confirmed) confirmed.textContent = counts.confirmed;
    } catch (error) {
      /* Offline for a moment: the next poll tries again. */
    }
  };

  if (root.dataset.countUrl && window.fetch) {
    window.setInterval(refreshCount, COUNT_EVERY_MS);
    document.addEventListener("visibilitychange", refreshCount);
  }

  /* ---------- Camera ---------- */

  const scanner = root.querySelector("[data-checkin-scanner]");
  const video = root.querySelector("[data-checkin-video]");
  const startButton = root.querySelector("[data-checkin-camera-start]");
  const stopButton = root.querySelector("[data-checkin-camera-stop]");
  const cameraError = root.querySelector("[data-checkin-camera-error]");
  const lookupForm = codeInput ? codeInput.closest("form") : null;

  const canScan = async () => {
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      return false;
    }
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      return formats.includes("qr_code");
    } catch (error) {
      return false;
    }
  };

  let timer = null;
  let lastCode = "";
  let lastSeenAt = 0;

  const stopCamera = () => {
    window.clearInterval(timer);
    timer = null;
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    stopButton.hidden = true;
    startButton.hidden = false;
  };

  const onCode = (code) => {
    const now = Date.now();
    // A ticket held in front of the camera is read many times a second: act on it once.
    if (code === lastCode && now - lastSeenAt < SAME_CODE_PAUSE_MS) {
      lastSeenAt = now;
      return;
    }
    lastCode = code;
    lastSeenAt = now;
    codeInput.value = code;
    submitInBackground(lookupForm);
  };

  const startCamera = async () => {
    cameraError.hidden = true;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    } catch (error) {
      cameraError.hidden = false;
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    startButton.hidden = true;
    stopButton.hidden = false;
    await video.play().catch(() => {});
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    timer = window.setInterval(async () => {
      if (busy || video.readyState < 2) return;
      try {
        const codes = await detector.detect(video);
        if (codes.length) onCode(codes[0].rawValue.trim());
      } catch (error) {
        /* A frame that could not be read: try the next one. */
      }
    }, SCAN_EVERY_MS);
  };

  if (scanner && video && startButton && stopButton && lookupForm) {
    canScan().then((supported) => {
      if (!supported) return;
      scanner.hidden = false;
      startButton.addEventListener("click", startCamera);
      stopButton.addEventListener("click", stopCamera);
      window.addEventListener("pagehide", stopCamera);
    });
  }
})();
