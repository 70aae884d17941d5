// The development outbox page: the mock provider's messages to one destination (GET /dev/outbox?to=...).

import { ApiError } from './api.js';
import { checkRequired, onSubmit, value } from './forms.js';

const form = document.getElementById('outbox-form');
const list = document.querySelector('[data-messages]');
const empty = document.querySelector('[data-empty]');

onSubmit(form, async () => {
  if (!checkRequired(form, ['to'], { to: 'Enter the email or phone number the code went to.' })) {
    return;
  }
  const res = await fetch('/dev/outbox?to=' + encodeURIComponent(value(form, 'to')), { cache: 'no-store' });
  const json = await res.json();
  if (!res.ok) {
    throw new ApiError(res.status, json, null);
  }
  list.replaceChildren();
  for (const m of json.messages) {
    const li = document.createElement('li');
    const meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = `To ${m.to} · ${m.purpose.replaceAll('_', ' ')} · ${new Date(m.sent_at).toLocaleString()}`;
    const text = document.createElement('p');
    text.textContent = m.text;
    li.append(meta, text);
    list.append(li);
  }
  empty.textContent = json.messages.length ? '' : 'No messages to that destination.';
  empty.hidden = json.messages.length > 0;
  document.getElementById('messages-title').focus();
});

document.body.dataset.ready = ''; // as on the sign-in pages: the page is ready (the browser tests wait for it)
