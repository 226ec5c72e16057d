import { h } from './dom.js';

/**
 * The path from the user's own unit down to the one shown. It starts at her unit, so
 * going back up never leaves her scope.
 */
export function renderBreadcrumb(nav, path, nameOf, onChoose) {
  const crumbs = path.map((code, index) => {
    const last = index === path.length - 1;
    const label = nameOf(code);
    return last
      ? h(
          'span',
          { class: 'crumb current', 'aria-current': 'page', dataset: { unit: code } },
          label,
        )
      : h(
          'button',
          {
            type: 'button',
            class: 'crumb',
            dataset: { unit: code },
            onclick: () => onChoose(path.slice(0, index + 1)),
          },
          label,
        );
  });
  // At her own unit the title alone says where she is.
  nav.hidden = path.length < 2;
  nav.replaceChildren(
    ...crumbs.flatMap((crumb, index) =>
      index === 0
        ? [crumb]
        : [h('span', { class: 'crumb-sep', 'aria-hidden': 'true' }, '›'), crumb],
    ),
  );
}
