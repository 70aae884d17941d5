// Form helpers: reading values, and errors tied to their field (aria-describedby, aria-invalid) with focus moved
// to the first error, or to the form's alert when no field is at fault.

import { ApiError } from './api.js';
import { messageFor } from './errors.js';

let ids = 0;

/** The trimmed value of the form's field `name` ('' when absent). */
export function value(form, name) {
  const input = form.elements.namedItem(name);
  return input && typeof input.value === 'string' ? input.value.trim() : '';
}

/** The value as typed (passwords are not trimmed). */
export function raw(form, name) {
  const input = form.elements.namedItem(name);
  return input ? input.value : '';
}

/** {email} or {phone} from one "email or phone" text. */
export function contactOf(text) {
  return text.includes('@') ? { email: text } : { phone: text.replace(/[\s().-]/g, '') };
}

/** Removes every error shown in the form. */
export function clearErrors(form) {
  for (const p of form.querySelectorAll('.error')) {
    const input = form.querySelector(`[aria-describedby~="${p.id}"]`);
    if (input) {
      input.setAttribute('aria-describedby', input.getAttribute('aria-describedby').replace(p.id, '').trim());
      if (!input.getAttribute('aria-describedby')) {
        input.removeAttribute('aria-describedby');
      }
      input.removeAttribute('aria-invalid');
    }
    p.remove();
  }
  const alert = form.querySelector('.form-error');
  if (alert) {
    alert.hidden = true;
    alert.textContent = '';
  }
}

/** The input an API field name points to: name="field", or data-fields listing it. */
function inputFor(form, field) {
  if (!field) {
    return null;
  }
  for (const input of form.querySelectorAll('input, select, textarea')) {
    if (input.hidden || input.type === 'hidden') {
      continue;
    }
    if (input.name === field || (input.dataset.fields || '').split(' ').includes(field)) {
      return input;
    }
  }
  return null;
}

/** Shows `text` under `input`, tied to it, and focuses it. */
export function fieldError(form, input, text) {
  const p = document.createElement('p');
  p.className = 'error';
  p.id = `error-${++ids}`;
  p.textContent = text;
  input.closest('.field').append(p);
  input.setAttribute('aria-invalid', 'true');
  const described = input.getAttribute('aria-describedby');
  input.setAttribute('aria-describedby', described ? `${p.id} ${described}` : p.id);
  input.focus();
}

/** Shows an error: under its field when the API names one in this form, else in the form's alert. */
export function showError(form, error) {
  clearErrors(form);
  const text = error instanceof ApiError ? messageFor(error) : messageFor({ code: 'internal_error' });
  const input = error instanceof ApiError ? inputFor(form, error.field) : null;
  if (input) {
    fieldError(form, input, text);
    return;
  }
  const alert = form.querySelector('.form-error');
  alert.textContent = text;
  alert.hidden = false;
  alert.focus();
}

/** Checks required fields before sending; false (with the error shown) when one is empty. */
export function checkRequired(form, names, texts) {
  clearErrors(form);
  for (const name of names) {
    const input = form.elements.namedItem(name);
    if (input && !input.value.trim()) {
      fieldError(form, input, texts[name] || 'This is required.');
      return false;
    }
  }
  return true;
}

/**
 * Runs `action` on submit with the submit button disabled; an ApiError (unless `onError` handles it and returns
 * true) is shown in the form.
 */
export function onSubmit(form, action, onError) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await busy(form, () => action(form), onError);
  });
}

/** Runs `action` with the form's buttons disabled, showing its error in the form. */
export async function busy(form, action, onError) {
  const buttons = [...form.querySelectorAll('button')];
  buttons.forEach((b) => { b.disabled = true; });
  try {
    await action(form);
  } catch (e) {
    if (!(onError && onError(e, form))) {
      showError(form, e);
    }
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

/** Gives a template's label/input pairs unique ids (for templates used more than once). */
export function bindLabels(root) {
  for (const label of root.querySelectorAll('label[data-for]')) {
    const input = label.parentElement.querySelector(`[name="${label.dataset.for}"]`);
    input.id = `field-${++ids}`;
    label.htmlFor = input.id;
  }
}
