/** The class of the widget's root element; every rule of `widgetCss` is under it. */
export const rootClass = 'entraide-widget'

const r = `.${rootClass}`

/**
 * The widget's styles, close to the State design system (DSFR): Marianne
 * when the host has it (system fonts otherwise), blue France, 0.25rem spacing
 * steps and a visible focus ring. Controls and the dialog have real borders
 * (transparent until forced colours draw them: shadows vanish in that mode),
 * and a few states are drawn with system colours there. Every selector starts
 * with the root class, so nothing leaks out to the host page, and rules are
 * specific enough to win over the host's element selectors. Hosts re-theme through the
 * `--entraide-*` custom properties, which inherit into a shadow root too.
 */
export const widgetCss = `
${r}{--ew-primary:var(--entraide-primary,var(--text-action-high-blue-france,#000091));--ew-primary-hover:var(--entraide-primary-hover,var(--background-action-high-blue-france-hover,#1212ff));--ew-on-primary:var(--entraide-on-primary,var(--text-inverted-blue-france,#fff));--ew-text:var(--entraide-text,var(--text-default-grey,#161616));--ew-muted:var(--entraide-text-muted,var(--text-mention-grey,#3a3a3a));--ew-bg:var(--entraide-background,var(--background-default-grey,#fff));--ew-bg-alt:var(--entraide-background-alt,var(--background-alt-grey,#f6f6f6));--ew-input-bg:var(--background-contrast-grey,#eee);--ew-border:var(--entraide-border,var(--border-default-grey,#ddd));--ew-focus:var(--entraide-focus,#0a76f6);--ew-success:var(--entraide-success,var(--text-default-success,#18753c));--ew-success-bg:var(--entraide-success-background,var(--background-contrast-success,#b8fec9));--ew-warning:var(--entraide-warning,var(--text-default-warning,#b34000));--ew-warning-bg:var(--entraide-warning-background,var(--background-contrast-warning,#ffe9e6));--ew-error:var(--entraide-error,var(--text-default-error,#ce0500));--ew-info-bg:var(--entraide-info-background,var(--background-action-low-blue-france,#e3e3fd));--ew-mark:var(--entraide-mark,var(--background-contrast-yellow-tournesol,#feecc2));--ew-font:var(--entraide-font,"Marianne",system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif);--ew-space:var(--entraide-space,1rem);
display:block;box-sizing:border-box;margin:0;padding:var(--ew-space);font-family:var(--ew-font);font-size:1rem;line-height:1.5;color:var(--ew-text);background:var(--ew-bg);border:1px solid var(--ew-border);text-align:left}
${r} *,${r} *::before,${r} *::after{box-sizing:border-box}
${r} :where(h2,h3,h4,h5,h6){font-family:var(--ew-font);color:var(--ew-text);font-weight:700;margin:0 0 .75rem;line-height:1.3}
${r} h2{font-size:1.5rem}${r} h3{font-size:1.25rem;margin-top:2rem}${r} h4{font-size:1.125rem}${r} h5,${r} h6{font-size:1rem}
${r} p,${r} ul,${r} ol,${r} blockquote,${r} pre{margin:0 0 .75rem;padding:0}
${r} ul,${r} ol{padding-left:1.5rem}
${r} ul.ew-list{list-style:none;padding:0}
${r} blockquote{border-left:4px solid var(--ew-border);padding-left:1rem}
${r} pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--ew-bg-alt);padding:.5rem}
${r} code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.875em}
${r} a{color:var(--ew-primary);text-decoration:underline;text-underline-offset:.2em}
${r} a:hover{color:var(--ew-primary-hover);text-decoration-thickness:2px}
${r} mark{background:var(--ew-mark);color:var(--ew-text);padding:0 .1em}
${r} :focus-visible{outline:2px solid var(--ew-focus);outline-offset:2px}
${r} .ew-sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
${r} .ew-intro,${r} .ew-meta,${r} .ew-hint{color:var(--ew-muted)}
${r} .ew-meta,${r} .ew-hint{font-size:.875rem}
${r} .ew-hint{display:block;margin:.125rem 0 .25rem}
${r} .ew-pre{white-space:pre-wrap;overflow-wrap:anywhere}
${r} .ew-card{border:1px solid var(--ew-border);padding:1rem;margin:0 0 1rem;background:var(--ew-bg)}
${r} .ew-card--official{border-left:4px solid var(--ew-primary)}
${r} .ew-card--pending{border-style:dashed;border-color:var(--ew-warning)}
${r} .ew-answers{margin:1rem 0 0;padding:0 0 0 1rem;border-left:2px solid var(--ew-border);list-style:none}
${r} .ew-answer{margin:0 0 1rem}
${r} .ew-answer--highlighted{background:var(--ew-bg-alt);padding:.75rem}
${r} .ew-badges{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 .5rem;padding:0;list-style:none}
${r} .ew-badge{display:inline-block;font-size:.875rem;font-weight:700;line-height:1.5;padding:0 .5rem;border-radius:.25rem;border:1px solid transparent;text-transform:uppercase;background:var(--ew-bg-alt);color:var(--ew-muted)}
${r} .ew-badge--official{background:var(--ew-info-bg);color:var(--ew-primary)}
${r} .ew-badge--validated{background:var(--ew-success-bg);color:var(--ew-success)}
${r} .ew-badge--pending{background:var(--ew-warning-bg);color:var(--ew-warning)}
${r} .ew-actions{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin:.5rem 0 0}
${r} .ew-actions>.ew-actions{margin:0}
${r} .ew-actions>.ew-form,${r} .ew-actions>.ew-success,${r} .ew-actions>.ew-error{flex-basis:100%}
${r} .ew-button{display:inline-flex;align-items:center;gap:.25rem;min-height:2.5rem;margin:0;padding:.5rem 1rem;font:inherit;font-weight:500;line-height:1.5;color:var(--ew-on-primary);background:var(--ew-primary);border:1px solid transparent;border-radius:0;cursor:pointer;text-decoration:none}
${r} .ew-button:hover{background:var(--ew-primary-hover);color:var(--ew-on-primary)}
${r} .ew-button--secondary,${r} .ew-button--tertiary{color:var(--ew-primary);background:transparent;border-color:var(--ew-primary)}
${r} .ew-button--tertiary{border-color:var(--ew-border);min-height:2rem;padding:.25rem .75rem;font-size:.875rem}
${r} .ew-button--secondary:hover,${r} .ew-button--tertiary:hover{background:var(--ew-bg-alt);color:var(--ew-primary)}
${r} .ew-button[aria-pressed="true"]{background:var(--ew-primary);color:var(--ew-on-primary);border-color:var(--ew-primary)}
${r} .ew-button:disabled,${r} .ew-button[aria-disabled="true"]{cursor:not-allowed;opacity:.6}
${r} .ew-link-button{padding:0;margin:0;border:0;background:none;font:inherit;color:var(--ew-primary);text-decoration:underline;cursor:pointer}
${r} .ew-form{margin:1rem 0;padding:1rem;background:var(--ew-bg-alt)}
${r} .ew-field{margin:0 0 1rem}
${r} .ew-field label,${r} .ew-label{display:block;font-weight:500;margin:0}
${r} .ew-input{display:block;width:100%;margin:0;padding:.5rem 1rem;font:inherit;color:var(--ew-text);background:var(--ew-input-bg);border:1px solid transparent;border-radius:.25rem .25rem 0 0;box-shadow:inset 0 -2px 0 0 var(--ew-text)}
${r} textarea.ew-input{min-height:6rem;resize:vertical}
${r} .ew-input[aria-invalid="true"]{box-shadow:inset 0 -2px 0 0 var(--ew-error)}
${r} .ew-check{display:flex;align-items:center;gap:.5rem;margin:.5rem 0}
${r} .ew-check input{width:1.25rem;height:1.25rem;margin:0;accent-color:var(--ew-primary)}
${r} .ew-required{font-weight:400;color:var(--ew-muted)}
${r} .ew-field--error{border-left:2px solid var(--ew-error);padding-left:.75rem}
${r} .ew-field-error{color:var(--ew-error);font-size:.875rem;font-weight:500;margin:.25rem 0 0}
${r} .ew-error{color:var(--ew-error);font-weight:500;margin:.5rem 0}
${r} .ew-error ul{margin:.25rem 0 0}
${r} .ew-success{color:var(--ew-success);font-weight:500;margin:.5rem 0}
${r} .ew-notice{padding:1rem;margin:0 0 1rem;background:var(--ew-bg-alt);border-left:4px solid var(--ew-primary)}
${r} .ew-notice--error{border-left-color:var(--ew-error)}
${r} .ew-account{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;margin:0 0 1rem}
${r} .ew-count{display:inline-block;min-width:1.5rem;padding:0 .375rem;border:1px solid transparent;border-radius:1rem;background:var(--ew-primary);color:var(--ew-on-primary);font-weight:700;text-align:center}
${r} .ew-panel{flex-basis:100%;padding:1rem;border:1px solid var(--ew-border);background:var(--ew-bg)}
${r} .ew-panel[hidden]{display:none}
${r} .ew-panel :where(h2,h3,h4,h5,h6){margin-top:0}
${r} .ew-notification{margin:0;padding:.75rem 0 .75rem .75rem;border-top:1px solid var(--ew-border);border-left:4px solid transparent}
${r} .ew-notification--unread{border-left-color:var(--ew-primary)}
${r} .ew-notification p{margin:0 0 .25rem}
${r} .ew-search{margin:0 0 1.5rem;padding:1rem;background:var(--ew-bg-alt)}
${r} .ew-search-row{display:flex;gap:.5rem;align-items:flex-end}
${r} .ew-search-row .ew-input{flex:1}
${r} .ew-hits{list-style:none;margin:1rem 0 0;padding:0}
${r} .ew-hits li{margin:0 0 1rem}
${r} .ew-suggestions{margin:-.5rem 0 1rem;padding:.75rem 1rem;background:var(--ew-bg);border-left:4px solid var(--ew-primary)}
${r} .ew-suggestions-title{font-weight:700;margin:0}
${r} .ew-suggestions ul{list-style:none;margin:.5rem 0 0;padding:0}
${r} .ew-suggestions li{margin:0 0 .5rem}
${r} .ew-dialog{max-width:32rem;width:calc(100% - 2rem);padding:1.5rem;border:1px solid transparent;color:var(--ew-text);background:var(--ew-bg);font-family:var(--ew-font);box-shadow:0 6px 18px rgba(0,0,18,.25)}
${r} .ew-dialog::backdrop{background:rgba(22,22,22,.64)}
${r} .ew-dialog-close{float:right}
${r} .ew-dialog .ew-actions{margin-bottom:1rem}
@media (forced-colors:active){${r} .ew-button,${r} .ew-input,${r} .ew-badge,${r} .ew-count{border-color:ButtonText}
${r} .ew-notification--unread{border-left-color:Highlight}
${r} .ew-input[aria-invalid="true"]{border-width:2px 2px 4px}
${r} .ew-dialog{border:2px solid CanvasText}
${r} .ew-button[aria-pressed="true"]{forced-color-adjust:none;background:Highlight;color:HighlightText;border-color:Highlight}
${r} .ew-button:disabled,${r} .ew-button[aria-disabled="true"]{color:GrayText;border-color:GrayText}
${r} mark{forced-color-adjust:none;background:Mark;color:MarkText}
${r} :focus-visible{outline-color:Highlight}}
@media (prefers-reduced-motion:no-preference){${r} .ew-button{transition:background-color .1s}}
`
