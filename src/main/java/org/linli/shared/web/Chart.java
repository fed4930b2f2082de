package org.linli.shared.web;

import java.util.List;

/**
 * A chart as a page draws it with Chart.js: {@code /js/charts.js} reads it, as JSON, from
 * a canvas's {@code data-chart} attribute (an attribute, so the page needs no inline
 * script and its labels are escaped like any other attribute).
 *
 * @param type a Chart.js type: {@code bar}, {@code line}, {@code doughnut}
 * @param stacked whether the series of a bar chart stack
 */
public record Chart(String type, boolean stacked, List<String> labels, List<Series> series) {

	/** One series of figures, one per label. */
	public record Series(String label, List<? extends Number> data) {
	}

}
