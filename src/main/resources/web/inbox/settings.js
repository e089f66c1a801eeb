// Channel settings (admins): filled in by issue 14's part.
import { $ } from './core.js';

export async function render() {
  $('#settings').replaceChildren();
}
