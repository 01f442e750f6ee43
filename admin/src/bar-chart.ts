// <izinli-bar-chart>: two counts per day as grouped bars, drawn as SVG (no chart library). The
// SVG is an image with a one-line summary; the same figures follow in a table for screen
// readers and for anyone who wants the numbers (the table is visually hidden).
import { LitElement, html, svg } from 'lit';

export interface BarSeries {
  label: string;
  /** A class of admin.css that colours the bars (`series-a`, `series-b`). */
  className: string;
  values: number[];
}

export class IzinliBarChart extends LitElement {
  static override properties = {
    days: { attribute: false },
    series: { attribute: false },
    summary: {},
    dayLabel: { attribute: 'day-label' },
  };
  declare days: string[];
  declare series: BarSeries[];
  declare summary: string;
  declare dayLabel: string;

  constructor() {
    super();
    this.days = [];
    this.series = [];
    this.summary = '';
    this.dayLabel = '';
  }

  protected override createRenderRoot() {
    return this;
  }

  override render() {
    // A fixed canvas: the bars share its width, so the chart keeps its shape on any screen.
    const width = 700;
    const height = 200;
    const top = Math.max(1, ...this.series.flatMap((s) => s.values));
    const slot = width / Math.max(1, this.days.length);
    const bar = (slot * 0.7) / Math.max(1, this.series.length);
    return html`<figure class="chart">
      <svg viewBox="0 0 ${width} ${height + 30}" role="img" aria-label=${this.summary}>
        <line class="axis" x1="0" y1=${height} x2=${width} y2=${height}></line>
        ${this.days.map((day, i) =>
          this.series.map((s, j) => {
            const value = s.values[i] ?? 0;
            const h = (value / top) * (height - 10);
            const x = i * slot + slot * 0.15 + j * bar;
            return svg`<rect class=${s.className} x=${x} y=${height - h} width=${bar} height=${h}></rect>`;
          }),
        )}
        ${this.days.map((day, i) =>
          i % 2 === (this.days.length - 1) % 2
            ? svg`<text x=${i * slot + slot / 2} y=${height + 22} text-anchor="middle">${day.slice(8)}</text>`
            : '',
        )}
      </svg>
      <figcaption>
        ${this.series.map(
          (s) =>
            html`<span class="key"><span class="swatch ${s.className}"></span>${s.label}</span>`,
        )}
      </figcaption>
      <table class="visually-hidden" data-chart-table>
        <caption>
          ${this.summary}
        </caption>
        <thead>
          <tr>
            <th scope="col">${this.dayLabel}</th>
            ${this.series.map((s) => html`<th scope="col">${s.label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${this.days.map(
            (day, i) =>
              html`<tr data-day=${day}>
                <th scope="row">${day}</th>
                ${this.series.map((s) => html`<td data-series=${s.className}>${s.values[i] ?? 0}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>
    </figure>`;
  }
}
