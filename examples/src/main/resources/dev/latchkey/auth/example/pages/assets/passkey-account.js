// The account page's passkeys: the list (name, when added and last used, whether synced), add (creation options,
// navigator.credentials.create, credential.toJSON()), rename and delete. Adding and deleting need a recent sign-in:
// their insufficient_user_authentication goes to the account page's "confirm it is you" step.

import * as api from './api.js';
import { bindLabels, busy, checkRequired, onSubmit, value } from './forms.js';
import * as passkeys from './passkeys.js';

const TIME = { dateStyle: 'medium', timeStyle: 'short' };
const when = (instant) => new Date(instant).toLocaleString(undefined, TIME);

/**
 * Fills the passkeys section of `root` (left hidden in a browser without passkeys). `guard(origin, action)` is the
 * account page's error handler that asks to confirm it is you, then runs `action` again; `changed()` runs after a
 * passkey is added or deleted (the two-step status says whether passkeys answer a second step).
 */
export async function passkeySection(root, app, guard, changed) {
  const section = root.querySelector('#passkeys');
  if (!passkeys.supported()) {
    return;
  }
  section.hidden = false;
  const list = section.querySelector('[data-passkeys]');
  const run = (action) => busy(section, action, guard(section, action));

  const refresh = async () => {
    const { passkeys: all } = await api.authed('GET', '/api/auth/passkeys');
    section.querySelector('[data-passkeys-empty]').hidden = all.length > 0;
    list.replaceChildren(...all.map(item));
  };

  const item = (p) => {
    const li = document.createElement('li');
    const row = document.createElement('div');
    row.className = 'row';
    const what = document.createElement('span');
    what.className = 'what';
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = p.label;
    const meta = document.createElement('span');
    meta.className = 'meta';
    meta.dataset.volatile = '';
    meta.textContent = `Added ${when(p.created_at)}; ${p.last_used_at ? 'last used ' + when(p.last_used_at) : 'not used yet'}; `
      + (p.backed_up ? 'synced to your other devices' : 'on one device only');
    what.append(name, document.createElement('br'), meta);
    const buttons = document.createElement('span');
    buttons.className = 'buttons';
    const rename = button('Rename', 'secondary', `Rename the passkey ${p.label}`);
    const remove = button('Delete', 'danger', `Delete the passkey ${p.label}`);
    buttons.append(rename, remove);
    row.append(what, buttons);
    li.append(row);
    rename.addEventListener('click', () => renameForm(li, p, refresh, app));
    remove.addEventListener('click', () => run(async () => {
      await api.authed('DELETE', `/api/auth/passkeys/${encodeURIComponent(p.id)}`);
      await refresh();
      await changed();
      app.notice(`The passkey "${p.label}" is deleted. It no longer signs you in.`);
    }));
    return li;
  };

  const add = section.querySelector('#passkey-add-form');
  const adding = async (form) => {
    const options = await api.authed('POST', '/api/auth/passkeys/register/options');
    const credential = await passkeys.creation(options);
    const body = { credential };
    if (value(form, 'label')) {
      body.label = value(form, 'label');
    }
    const added = await api.authed('POST', '/api/auth/passkeys/register', body);
    form.reset();
    await refresh();
    await changed();
    app.notice(`Your passkey "${added.label}" is added. You can sign in with it now.`);
  };
  onSubmit(add, adding, guard(add, adding));
  await refresh();
}

function button(text, kind, label) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = kind;
  b.textContent = text;
  b.setAttribute('aria-label', label);
  return b;
}

/** An inline form in the passkey's item to give it a new name. */
function renameForm(li, p, refresh, app) {
  if (li.querySelector('form')) {
    li.querySelector('input').focus();
    return;
  }
  const fragment = document.getElementById('passkey-rename').content.cloneNode(true);
  bindLabels(fragment);
  fragment.querySelector('label').textContent = `New name for ${p.label}`;
  li.append(fragment);
  const form = li.querySelector('form');
  form.elements.label.value = p.label;
  form.querySelector('[data-action="cancel"]').addEventListener('click', () => {
    form.remove();
    li.querySelector('button').focus();
  });
  onSubmit(form, async () => {
    if (!checkRequired(form, ['label'], { label: 'Enter a name for the passkey.' })) {
      return;
    }
    const renamed = await api.authed('PATCH', `/api/auth/passkeys/${encodeURIComponent(p.id)}`, { label: value(form, 'label') });
    await refresh();
    app.notice(`The passkey is now called "${renamed.label}".`);
  });
  form.elements.label.focus();
}
