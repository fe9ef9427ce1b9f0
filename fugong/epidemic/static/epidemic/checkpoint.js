// The checkpoint page: identify, measure, queue, send, show the decision.
//
// Every reading gets a client UUID here and goes into a queue in localStorage before it is
// sent, so a reading taken while the network is down is kept and sent when it returns. The
// server stores each UUID once: sending a reading again after a lost answer is harmless.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("checkpoint-config").textContent);
  const T = config.texts;
  const KEY = "fugong.checkpoint.queue." + config.place;
  const form = document.getElementById("screen-form");
  const answer = document.getElementById("answer");
  const netstate = document.getElementById("netstate");
  const errors = document.getElementById("field-errors");
  let current = null; // the UUID whose answer the operator is waiting for
  let remeasureOf = null; // the first reading being re-measured
  let countdownTimer = null;
  let sending = false;

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
    } catch (e) {
      return "";
    }
  }

  function newUuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    // Pages served over plain http on an intranet have no randomUUID: build a v4 UUID.
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function loadQueue() {
    try {
      return JSON.parse(localStorage.getItem(KEY) || "[]");
    } catch (e) {
      return [];
    }
  }
  function saveQueue(queue) {
    localStorage.setItem(KEY, JSON.stringify(queue));
    showQueue(queue);
  }
  function showQueue(queue, offline) {
    if (!queue.length && !offline) {
      netstate.classList.add("d-none");
      return;
    }
    netstate.classList.remove("d-none");
    netstate.textContent = (offline ? T.offline + " " : "") + T.queue + ": " + queue.length;
    netstate.dataset.length = String(queue.length);
  }

  function way() {
    return form.querySelector("input[name=way]:checked").value;
  }
  function showWay() {
    form.querySelectorAll("[data-way]").forEach((el) => el.classList.toggle("d-none", el.dataset.way !== way()));
  }
  form.querySelectorAll("input[name=way]").forEach((el) => el.addEventListener("change", showWay));

  function show(kind, title, detail) {
    clearInterval(countdownTimer);
    answer.className = "answer rounded-3 p-3 mb-3 text-center answer-" + kind;
    answer.dataset.result = kind;
    document.getElementById("answer-title").textContent = title;
    document.getElementById("answer-detail").textContent = detail || "";
    document.getElementById("answer-countdown").textContent = "";
  }

  function countdown(from, until) {
    const el = document.getElementById("answer-countdown");
    function tick() {
      const now = Date.now();
      const left = Math.ceil((from - now) / 1000);
      if (left > 0) {
        el.textContent = T.wait + " " + Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      } else if (now <= until) {
        el.textContent = T.remeasure_now;
      } else {
        el.textContent = T.late;
        clearInterval(countdownTimer);
      }
    }
    tick();
    countdownTimer = setInterval(tick, 500);
  }

  function colourText(colour) {
    return colour ? T[colour] : "";
  }

  function showDecision(item, decision) {
    if (decision.result === "pass") {
      show("pass", T.pass, colourText(decision.colour));
      endRemeasure();
    } else if (decision.result === "remeasure") {
      show("remeasure", T.remeasure, decision.late_remeasure ? T.late : colourText(decision.colour));
      countdown(Date.parse(decision.remeasure_from), Date.parse(decision.remeasure_until));
      startRemeasure(item);
    } else {
      show("deny", T.deny, T["reason_" + decision.deny_reason] || "");
      endRemeasure();
    }
  }

  function startRemeasure(item) {
    remeasureOf = item.client_uuid;
    document.getElementById("remeasure-banner").classList.remove("d-none");
    document.getElementById("identify").classList.add("d-none");
  }
  function endRemeasure() {
    remeasureOf = null;
    document.getElementById("remeasure-banner").classList.add("d-none");
    document.getElementById("identify").classList.remove("d-none");
  }
  document.getElementById("remeasure-cancel").addEventListener("click", endRemeasure);

  function errorText(detail) {
    if (!Array.isArray(detail)) return String(detail || "");
    return detail.map((e) => e.message).join(" ");
  }

  async function flush() {
    if (sending) return;
    sending = true;
    try {
      let queue = loadQueue();
      while (queue.length) {
        const item = queue[0];
        let response;
        try {
          response = await fetch(config.api, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
            body: JSON.stringify({ items: [item] }),
          });
        } catch (e) {
          showQueue(queue, true);
          if (item.client_uuid === current) show("queued", T.queue, T.queued);
          return;
        }
        if (response.status === 401 || response.status === 403) {
          showQueue(queue, false);
          show("deny", T.refused, T.login);
          return;
        }
        if (response.status >= 500) {
          showQueue(queue, true);
          return;
        }
        const body = await response.json().catch(() => ({}));
        queue = loadQueue().filter((q) => q.client_uuid !== item.client_uuid);
        saveQueue(queue);
        if (response.ok) {
          if (item.client_uuid === current) showDecision(item, body.items[0]);
          document.body.dispatchEvent(new Event("screening-stored"));
        } else if (item.client_uuid === current) {
          show("deny", T.refused, errorText(body.detail));
        }
      }
      showQueue(queue, false);
    } finally {
      sending = false;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    errors.textContent = "";
    const temperature = form.temperature.value.trim().replace(",", ".");
    const item = {
      client_uuid: newUuid(),
      place: config.place,
      measured_at: new Date().toISOString(),
      temperature: temperature,
      symptoms: Array.from(form.querySelectorAll("input[name=symptoms]:checked"), (el) => el.value),
    };
    if (remeasureOf) {
      item.remeasure_of = remeasureOf;
    } else if (way() === "code") {
      item.code = form.code.value;
    } else if (way() === "id_number") {
      item.id_number = form.id_number.value.trim();
    } else {
      item.visitor_name = form.visitor_name.value.trim();
      item.visitor_phone = form.visitor_phone.value.trim();
    }
    // The plausible range is checked here too, so a wrong reading taken offline is not queued.
    const value = Number(temperature);
    if (!temperature || !isFinite(value) || value < config.temperature_min || value > config.temperature_max) {
      errors.textContent = T.range;
      form.temperature.focus();
      return;
    }
    if (!remeasureOf && !(item.code || item.id_number || item.visitor_name)) {
      errors.textContent = T.identify;
      return;
    }
    current = item.client_uuid;
    saveQueue([...loadQueue(), item]);
    show("queued", T.queue, T.queued);
    form.temperature.value = "";
    form.querySelectorAll("input[name=symptoms]").forEach((el) => (el.checked = false));
    if (!remeasureOf) {
      form.code.value = "";
      form.id_number.value = "";
      form.visitor_name.value = "";
      form.visitor_phone.value = "";
      document.getElementById("code-state").textContent = "";
    }
    flush();
  });

  // --- scanning: BarcodeDetector where the browser has it, else jsQR on canvas frames ---
  const video = document.getElementById("camera");
  let stream = null;
  async function scan() {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (e) {
      document.getElementById("code-state").textContent = T.no_camera;
      return;
    }
    video.srcObject = stream;
    video.classList.remove("d-none");
    await video.play();
    const detector = "BarcodeDetector" in window ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });
    async function frame() {
      if (!stream) return;
      let text = null;
      if (detector) {
        const found = await detector.detect(video).catch(() => []);
        if (found.length) text = found[0].rawValue;
      } else if (window.jsQR && video.videoWidth) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        context.drawImage(video, 0, 0);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        const found = window.jsQR(image.data, image.width, image.height);
        if (found) text = found.data;
      }
      if (text) {
        form.code.value = text;
        document.getElementById("code-state").textContent = T.scanned;
        previewEntry(text);
        stopCamera();
        form.temperature.focus();
        return;
      }
      requestAnimationFrame(frame);
    }
    requestAnimationFrame(frame);
  }
  // The code's colour and entry decision as soon as it is scanned (online only; the reading
  // itself decides again when it is recorded).
  async function previewEntry(code) {
    const state = document.getElementById("code-state");
    try {
      const response = await fetch(config.entry + "?code=" + encodeURIComponent(code), { credentials: "same-origin" });
      const body = await response.json();
      if (response.ok) {
        state.textContent = T.scanned + " · " + colourText(body.colour) + (body.allowed ? "" : " · " + (T["reason_" + body.deny_reason] || T.deny));
        state.dataset.colour = body.colour;
      } else {
        state.textContent = errorText(body.detail);
        form.code.value = "";
      }
    } catch (e) {
      /* offline: the reading is queued and decided when it is sent */
    }
  }

  function stopCamera() {
    if (stream) stream.getTracks().forEach((t) => t.stop());
    stream = null;
    video.classList.add("d-none");
  }
  document.getElementById("scan").addEventListener("click", scan);

  window.addEventListener("online", flush);
  setInterval(flush, 10000);
  showWay();
  showQueue(loadQueue(), false);
  flush();
})();
