package org.tickettriage.training.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tickettriage.training.evaluate.Calibration;
import org.tickettriage.training.evaluate.ConfusionMatrix;
import org.tickettriage.training.evaluate.RiskCoverage;

/** Draws the report's charts with XChart into PNG files; headless, so it runs on a build server. */
public final class ReportCharts {

    /** Above this many labels the heat map shows label numbers instead of names, which would overlap. */
    static final int NAMED_AXIS_MAX_LABELS = 15;

    static {
        // No display on a build machine or in CI: AWT must not try to open one.
        System.setProperty("java.awt.headless", "true");
    }

    private ReportCharts() {
    }

    /**
     * The confusion matrix as a heat map of each true label's row shares (recall on the diagonal), so small and
     * large classes read alike.
     */
    public static void confusionHeatMap(ConfusionMatrix matrix, String title, Path file) throws IOException {
        List<String> labels = matrix.labels();
        int n = labels.size();
        int[][] counts = matrix.counts();
        boolean named = n <= NAMED_AXIS_MAX_LABELS;
        int side = Math.max(600, Math.min(1600, 200 + 18 * n));
        HeatMapChart chart = new HeatMapChartBuilder().width(side + 160).height(side).title(title).build();
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setShowValue(named);
        chart.getStyler().setHeatMapValueDecimalPattern("0.00");
        chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(1);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0xc6dbef), new Color(0x4292c6), new Color(0x08306b)});
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(named ? 45 : 90);
        chart.setXAxisTitle("predicted");
        chart.setYAxisTitle("true label");
        List<Object> axis = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            axis.add(named ? labels.get(i) : String.valueOf(i + 1));
        }
        List<Number[]> cells = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            int rowTotal = 0;
            for (int p = 0; p < n; p++) {
                rowTotal += counts[a][p];
            }
            for (int p = 0; p < n; p++) {
                double share = rowTotal == 0 ? 0 : (double) counts[a][p] / rowTotal;
                // Rows run top to bottom in label order: XChart's y axis grows upwards, so rows are mirrored.
                cells.add(new Number[] {p, n - 1 - a, share});
            }
        }
        List<Object> yAxis = new ArrayList<>(axis);
        java.util.Collections.reverse(yAxis);
        chart.addSeries("share of the true label's tickets", axis, yAxis, cells);
        save(chart, file);
    }

    /** Accuracy of the tickets the model decides alone against the share it decides, with the review threshold marked. */
    public static void riskCoverage(RiskCoverage curve, double thresholdCoverage, double thresholdAccuracy, String title,
                                    Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(560).title(title)
                .xAxisTitle("coverage (share of tickets the model decides alone)")
                .yAxisTitle("accuracy of those tickets").build();
        style(chart);
        double[] x = curve.points().stream().mapToDouble(RiskCoverage.Point::coverage).toArray();
        double[] y = curve.points().stream().mapToDouble(RiskCoverage.Point::accuracy).toArray();
        XYSeries series = chart.addSeries("model (area " + String.format(java.util.Locale.ROOT, "%.3f", curve.areaUnderCurve()) + ")", x, y);
        series.setMarker(SeriesMarkers.NONE);
        XYSeries point = chart.addSeries("review threshold", new double[] {thresholdCoverage}, new double[] {thresholdAccuracy});
        point.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        point.setMarker(SeriesMarkers.DIAMOND);
        point.setMarkerColor(new Color(0xd62728));
        // Zoomed to the curve: the interesting differences are a few points of accuracy.
        double minY = Math.min(thresholdAccuracy, java.util.Arrays.stream(y).min().orElse(0.5));
        chart.getStyler().setYAxisMin(Math.max(0.0, Math.floor((minY - 0.01) * 20) / 20));
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(1.0);
        save(chart, file);
    }

    /** The reliability diagram: each confidence bin's accuracy against its mean confidence, and the diagonal. */
    public static void reliability(Calibration calibration, String title, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(560).title(title)
                .xAxisTitle("mean confidence of the bin").yAxisTitle("accuracy of the bin").build();
        style(chart);
        XYSeries diagonal = chart.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.GRAY);
        double[] x = calibration.bins().stream().mapToDouble(Calibration.Bin::meanConfidence).toArray();
        double[] y = calibration.bins().stream().mapToDouble(Calibration.Bin::accuracy).toArray();
        if (x.length > 0) {
            XYSeries model = chart.addSeries("model (ECE " + String.format(java.util.Locale.ROOT, "%.3f", calibration.ece()) + ")", x, y);
            model.setMarker(SeriesMarkers.CIRCLE);
        }
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(1.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        save(chart, file);
    }

    private static void style(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setXAxisDecimalPattern("0.0");
        chart.getStyler().setYAxisDecimalPattern("0.00");
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
