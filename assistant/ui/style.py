"""The app's look: a quiet clinical theme (system fonts only: no network at run time)."""

from __future__ import annotations

import gradio as gr

CSS = """
.gradio-container { max-width: 1480px !important; margin: 0 auto !important; }
#ca-header { display: flex; align-items: center; justify-content: space-between;
  padding: 14px 20px; border-radius: 12px; color: #fff;
  background: linear-gradient(90deg, #0f3d5e 0%, #136f82 100%); }
#ca-header .ca-brand { display: flex; align-items: center; gap: 14px; }
#ca-header .ca-logo { font-size: 26px; width: 42px; height: 42px; border-radius: 10px;
  display: flex; align-items: center; justify-content: center; background: rgba(255,255,255,.16); }
#ca-header .ca-title { font-size: 22px; font-weight: 700; letter-spacing: .2px;
  color: #fff !important; }
#ca-header .ca-sub { font-size: 13px; color: #dbeafe !important; }
#ca-header .ca-logo { color: #fff !important; }
#ca-header .ca-chip { font-size: 12px; color: #fff !important; padding: 5px 12px; border-radius: 999px;
  background: rgba(255,255,255,.15); border: 1px solid rgba(255,255,255,.3); }
#index-notice { font-size: 13px; }
#index-notice:empty { display: none; }
#ca-footer, #ca-footer p { font-size: 12px !important; color: #475569 !important;
  text-align: center; margin-top: 4px; }
#chat { border-radius: 12px; }
#chat .examples button.example { border: 1px solid #cbd5e1 !important; border-radius: 12px;
  background: #f8fafc !important; padding: 12px 14px; text-align: left; }
#chat .examples button.example:hover { border-color: #136f82 !important; background: #ecfeff !important; }
#attached { font-size: 13px; align-self: center; }
#side { background: #f8fafc; border-radius: 12px; padding: 6px; }
#spans { max-height: 380px; overflow-y: auto; }
#evidence { max-height: 640px; overflow-y: auto; }
#evidence blockquote { font-size: 13px; color: #334155; border-left: 3px solid #136f82;
  margin: 4px 0 14px 0; padding: 2px 10px; }
#evidence table { font-size: 12.5px; border-collapse: collapse; margin: 6px 0 14px 0; }
#evidence th { background: #e2e8f0; text-align: left; padding: 4px 6px; }
#evidence td { vertical-align: top; padding: 4px 6px; border-top: 1px solid #e2e8f0; }
#evidence th:nth-child(n+2):nth-child(-n+5), #evidence td:nth-child(n+2):nth-child(-n+5) {
  white-space: nowrap; }
#evidence td:first-child { min-width: 140px; }
#evidence h4 { margin: 8px 0 4px 0; font-size: 13px; text-transform: uppercase;
  letter-spacing: .6px; color: #475569; }
.ca-muted { color: #64748b; font-size: 14px; }
.ca-triage h4 { margin: 14px 0 6px 0; font-size: 13px; text-transform: uppercase;
  letter-spacing: .6px; color: #475569; }
.ca-triage ul { margin: 0; padding-left: 20px; }
.ca-badge { display: flex; align-items: center; gap: 14px; padding: 12px 16px;
  border-radius: 12px; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
.ca-badge span, .ca-badge small { color: inherit !important; }
#extraction-table, #extraction-table * { font-family: inherit !important; font-size: 13px; }
.ca-badge-none { background: #e2e8f0; color: #334155; font-weight: 600; }
.ca-badge-num { font-size: 34px; font-weight: 800; line-height: 1; min-width: 36px;
  text-align: center; }
.ca-badge-text { font-size: 20px; font-weight: 700; display: flex; flex-direction: column; }
.ca-badge-text small { font-size: 12px; font-weight: 500; text-transform: uppercase;
  letter-spacing: .8px; }
.ca-flags li { color: #b91c1c; font-weight: 600; }
.ca-scores { display: flex; gap: 10px; flex-wrap: wrap; }
.ca-score { border: 1px solid #cbd5e1; border-radius: 10px; padding: 6px 12px; background: #fff;
  display: flex; flex-direction: column; min-width: 80px; }
.ca-score span { font-size: 11px; color: #64748b; text-transform: uppercase; }
.ca-score b { font-size: 20px; color: #0f172a; }
.ca-error { color: #b91c1c; }
/* WCAG 2.1 AA contrast (>= 4.5:1): Send #0f766e on white text is 5.5:1; labels and helper
   text slate-600 (#475569) on the page background. */
#send, #send:hover { background: #0f766e !important; color: #fff !important;
  border-color: #0f766e !important; }
#send:hover { background: #115e59 !important; }
.info-text, #triage-setting .info-text, [data-testid="block-info"], label[data-testid="block-label"],
  .label > p, #chat .duration, #chat .message .duration { color: #334155 !important; }
button[role="tab"], .tab-container button { color: #334155 !important; }
button[role="tab"][aria-selected="true"], .tab-container button.selected {
  color: #0f766e !important; }
.ca-muted, .ca-score span { color: #475569 !important; }
#composer-hint { font-size: 13px; color: #92400e; min-height: 0; }
#composer-hint:empty { display: none; }
/* Deterministic results first; model text after them, marked and set apart. */
.ca-llm { margin-top: 8px; padding: 6px 10px; border-left: 3px solid #64748b;
  background: #f8fafc; color: #1e293b; }
.ca-llm small { color: #475569; text-transform: uppercase; letter-spacing: .5px; }
.ca-unverified { border: 2px dashed #b45309; background: #fffbeb; color: #1f2937;
  border-radius: 8px; padding: 8px 12px; }
.ca-unverified-label { color: #92400e; font-weight: 700; font-size: 12px;
  text-transform: uppercase; letter-spacing: .5px; margin-bottom: 4px; }
table.ca-status { border-collapse: collapse; margin: 8px 0 16px 0; font-size: 14px; }
table.ca-status caption { text-align: left; font-weight: 700; padding: 4px 0; }
table.ca-status th, table.ca-status td { border: none !important;
  border-bottom: 1px solid #cbd5e1 !important; background: transparent !important; }
table.ca-status th { text-align: left; padding: 4px 16px 4px 0; color: #334155;
  font-weight: 600; vertical-align: top; }
table.ca-status td { padding: 4px 0; color: #0f172a; }
#ca-status-body details { margin-top: 8px; }
#ca-status-body summary { cursor: pointer; color: #0f766e; font-weight: 600; }
"""


def theme() -> gr.themes.Base:
    """Soft teal/slate theme with system fonts (Gradio's bundled local fonts as fallback)."""
    return gr.themes.Soft(
        primary_hue=gr.themes.colors.teal, secondary_hue=gr.themes.colors.sky,
        neutral_hue=gr.themes.colors.slate,
        font=["Inter", "system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
    ).set(body_background_fill="#eef2f6", block_radius="12px")
