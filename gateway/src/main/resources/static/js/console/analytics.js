// Placeholder until the analysts' section lands (the other half of issue 27): main.js imports this module.

export async function mount(section) {
  section.textContent = 'The analysts\' section is not built yet.';
}
