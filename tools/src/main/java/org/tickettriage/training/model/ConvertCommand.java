package org.tickettriage.training.model;

import cc.mallet.classify.MaxEnt;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.tickettriage.classifier.LegacyModelDirectory;
import org.tickettriage.classifier.MalletModelExporter;
import org.tickettriage.classifier.MalletScores;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.model.ModelDirectory;
import org.tickettriage.model.ModelFile;
import org.tickettriage.model.ModelHead;
import org.tickettriage.model.TicketModel;
import org.tickettriage.training.cli.ToolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code model convert}: a model directory of the old format (Java-serialized MALLET classifiers, read through the
 * allow-list filter) to the model format, checked against MALLET's own answers before it is written.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Converts a model directory of the old format (category.classifier, priority.classifier, "
                + "model-card.json) into a new directory holding model.bin and model-card.json.")
public final class ConvertCommand implements Callable<Integer> {

    /** Probe tickets whose probabilities must match MALLET's before anything is written. */
    static final int PROBES = 500;
    /** How far a probability may be from MALLET's: float rounding only. */
    static final double TOLERANCE = 1e-9;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD_DIR", description = "The model directory of the old format.")
    private Path legacy;

    @Parameters(index = "1", paramLabel = "NEW_DIR", description = "Where to write the converted model (not OLD_DIR).")
    private Path out;

    @Override
    public Integer call() {
        if (Files.exists(out) && legacy.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new ParameterException(spec.commandLine(), "NEW_DIR must differ from OLD_DIR: the old files are kept");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        LegacyModelDirectory old = LegacyModelDirectory.read(legacy);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put(MalletModelExporter.WRITER, "ticket-triage model convert");
        provenance.put("convertedFrom", "Java-serialized MALLET MaxEnt (" + ModelDirectory.LEGACY_CATEGORY_FILE
                + (old.priority() == null ? "" : ", " + ModelDirectory.LEGACY_PRIORITY_FILE) + ")");
        TicketModel model;
        try {
            model = MalletModelExporter.toModel(old.category(), old.priority(), old.card(), provenance);
        } catch (IllegalArgumentException e) {
            throw new ToolException("cannot convert " + legacy + ": " + e.getMessage());
        }
        double difference = largestDifference(old, model);
        if (!(difference <= TOLERANCE)) {
            throw new ToolException("the converted model answers differently from MALLET (by " + difference
                    + " in a probability); nothing written");
        }
        if (old.card().hyperParameters() != null && old.card().hyperParameters().features() != null
                && !old.card().hyperParameters().features().equals(model.features())) {
            spec.commandLine().getErr().println("warning: the model card says features "
                    + old.card().hyperParameters().features().describe() + " but the classifiers' pipe "
                    + model.features().describe() + ": the pipe's are kept (the model file wins)");
        }
        try {
            MalletModelExporter.write(out, model, old.card());
            stdout.printf(Locale.ROOT, "converted %s (%s %s%s) to %s: %s %s, %s%n", legacy,
                    ModelDirectory.LEGACY_CATEGORY_FILE, size(legacy.resolve(ModelDirectory.LEGACY_CATEGORY_FILE)),
                    old.priority() == null ? "" : ", " + ModelDirectory.LEGACY_PRIORITY_FILE + " "
                            + size(legacy.resolve(ModelDirectory.LEGACY_PRIORITY_FILE)),
                    out, ModelDirectory.MODEL_FILE, size(out.resolve(ModelDirectory.MODEL_FILE)), ModelDirectory.CARD_FILE);
            stdout.printf(Locale.ROOT, "model %s, format %d, tokenizer %d, features %s: %d features, heads %s%n",
                    model.modelVersion(), ModelFile.FORMAT_VERSION, model.tokenizerVersion(), model.features().describe(),
                    model.vocabulary().size(), describeHeads(model));
            stdout.printf(Locale.ROOT, "largest difference from MALLET's probabilities over %d probe tickets: %.3g%n",
                    PROBES, difference);
            stdout.flush();
        } catch (IOException e) {
            throw new ToolException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return 0;
    }

    /** The largest difference of any probability between MALLET and the converted model on probe tickets. */
    static double largestDifference(LegacyModelDirectory old, TicketModel model) {
        MaxEntTicketClassifier converted = MaxEntTicketClassifier.of(model);
        double largest = 0;
        for (String[] ticket : probes(model)) {
            double[][] ours = converted.probabilities(ticket[0], ticket[1]);
            largest = Math.max(largest, difference(old.category(), model.category(), ours[0], ticket));
            if (old.priority() != null) {
                largest = Math.max(largest, difference(old.priority(), model.priority(), ours[1], ticket));
            }
        }
        return largest;
    }

    private static double difference(MaxEnt mallet, ModelHead head, double[] ours, String[] ticket) {
        Map<String, Double> expected = MalletScores.probabilities(mallet, head.temperature(), ticket[0], ticket[1]);
        double largest = 0;
        for (int label = 0; label < ours.length; label++) {
            largest = Math.max(largest, Math.abs(ours[label] - expected.get(head.labels().get(label))));
        }
        return largest;
    }

    /** Tickets made of the model's own words (and some it does not know), from a fixed seed. */
    static List<String[]> probes(TicketModel model) {
        List<String> words = new ArrayList<>();
        for (String name : model.vocabulary().names()) {
            if (name.indexOf(' ') < 0 && name.indexOf(':') < 0) {
                words.add(name);
            }
        }
        words.add("zzqx-unknown");
        Random random = new Random(20261130L);
        List<String[]> probes = new ArrayList<>();
        probes.add(new String[] {"", ""});
        for (int i = 1; i < PROBES; i++) {
            probes.add(new String[] {text(random, words, 6), text(random, words, 80)});
        }
        return probes;
    }

    private static String text(Random random, List<String> words, int maxWords) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(maxWords + 1);
        for (int i = 0; i < n; i++) {
            b.append(words.get(random.nextInt(words.size()))).append(' ');
        }
        return b.toString();
    }

    private static String describeHeads(TicketModel model) {
        List<String> heads = new ArrayList<>();
        for (ModelHead head : model.heads()) {
            heads.add(head.name() + " (" + head.labels().size() + " labels" + (head.ordinal() ? ", lowest first" : "") + ")");
        }
        return String.join(", ", heads);
    }

    static String size(Path file) throws IOException {
        long bytes = Files.size(file);
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
    }
}
