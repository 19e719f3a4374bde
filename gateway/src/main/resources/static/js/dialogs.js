// Modal dialogs (the browser's own <dialog>: focus stays inside, Escape cancels) and where focus goes after them.

import {$, button, element, toast} from './dom.js';
import {api} from './api.js';
import {session} from './session.js';

/** Asks before something that cannot be undone; resolves to whether the user said yes. */
export function confirm(title, text, ok) {
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = ok;
  return show($('confirm-dialog')).then(value => value === 'ok');
}

/** Asks for a conversation's new title; resolves to it, or to null when cancelled. */
export async function askTitle(current, save) {
  const dialog = $('title-dialog');
  $('title-input').value = current;
  $('title-error').textContent = '';
  const returnTo = document.activeElement;
  for (;;) {
    const value = await show(dialog, $('title-input'), false);
    if (value !== 'ok') break;
    try {
      await save($('title-input').value);
      break;
    } catch (e) {
      $('title-error').textContent = e.message;
    }
  }
  dialog.close();
  if (returnTo) returnTo.focus();
}

/**
 * Lets the user pick people by the start of their nickname. {@code start}: a new conversation (with a title, which a
 * conversation with one other person may leave out); else one person to add, given to {@code pick}.
 */
export async function pickPeople({heading, okLabel, withTitle, exclude, pick}) {
  const dialog = $('people-dialog');
  const chosen = new Map();
  $('people-dialog-heading').textContent = heading;
  $('people-ok').textContent = okLabel;
  $('people-title-label').hidden = !withTitle;
  $('people-title').value = '';
  $('people-search').value = '';
  $('people-results').replaceChildren();
  $('people-error').textContent = '';
  const renderChosen = () => {
    $('chosen').replaceChildren(...[...chosen].map(([id, name]) => {
      const item = element('li');
      item.append(button('chip', name + ' ×', () => { chosen.delete(id); renderChosen(); $('people-search').focus(); }));
      item.lastChild.setAttribute('aria-label', 'Remove ' + name);
      return item;
    }));
  };
  renderChosen();
  let timer = null;
  const search = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const prefix = $('people-search').value.trim();
      const results = $('people-results');
      if (!prefix) { results.replaceChildren(); return; }
      try {
        const people = await api('GET', '/api/users?nickname=' + encodeURIComponent(prefix) + '&limit=10');
        results.replaceChildren(...people
            .filter(p => p.id !== session().userId && !exclude.has(p.id))
            .map(p => {
              const item = element('li');
              item.dataset.userId = p.id;
              item.append(button('person', p.nickname, () => {
                chosen.set(p.id, p.nickname);
                renderChosen();
                $('people-search').value = '';
                results.replaceChildren();
                $('people-search').focus();
              }));
              return item;
            }));
        if (!results.children.length) results.append(element('li', 'empty', 'Nobody of that name'));
      } catch (e) { toast(e.message); }
    }, 150);
  };
  $('people-search').oninput = search;
  $('people-search').onkeydown = e => {
    if (e.key !== 'Enter') return;
    // Enter picks the first person found; with nobody to pick it is the dialog's own Enter.
    const first = $('people-results').querySelector('button.person');
    if (first || $('people-search').value.trim()) {
      e.preventDefault();
      e.stopPropagation();
      if (first) first.click();
    }
  };
  const returnTo = document.activeElement;
  for (;;) {
    const value = await show(dialog, $('people-search'), false);
    if (value !== 'ok') break;
    if (chosen.size === 0) {
      $('people-error').textContent = 'Pick at least one person';
      continue;
    }
    try {
      await pick([...chosen], $('people-title').value);
      break;
    } catch (e) {
      $('people-error').textContent = e.message;
    }
  }
  $('people-search').oninput = null;
  $('people-search').onkeydown = null;
  dialog.close();
  if (returnTo && document.contains(returnTo)) returnTo.focus();
}

/**
 * Shows a dialog until one of its buttons is pressed or Escape; resolves to that button's value. With
 * {@code closing} false it stays open (to show an error or keep asking), and the caller closes it.
 */
function show(dialog, focus, closing = true) {
  const returnTo = document.activeElement;
  return new Promise(resolve => {
    const form = dialog.querySelector('form');
    const submit = e => {
      e.preventDefault();
      finish(e.submitter ? e.submitter.value : 'ok');
    };
    const cancel = e => {
      e.preventDefault();
      finish('cancel');
    };
    // Enter in a field means the dialog's action; the browser's own would press its first button, Cancel.
    const enter = e => {
      if (e.key === 'Enter' && e.target.tagName === 'INPUT') {
        e.preventDefault();
        finish('ok');
      }
    };
    const finish = value => {
      form.removeEventListener('submit', submit);
      form.removeEventListener('keydown', enter);
      dialog.removeEventListener('cancel', cancel);
      if (closing || value !== 'ok') {
        dialog.close();
        if (closing && returnTo && document.contains(returnTo)) returnTo.focus();
      }
      resolve(value);
    };
    form.addEventListener('submit', submit);
    form.addEventListener('keydown', enter);
    dialog.addEventListener('cancel', cancel);
    if (!dialog.open) dialog.showModal();
    if (focus) focus.focus();
  });
}
