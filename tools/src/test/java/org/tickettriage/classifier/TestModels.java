package org.tickettriage.classifier;

import cc.mallet.classify.MaxEnt;
import cc.mallet.classify.MaxEntOptimizableByLabelLikelihood;
import cc.mallet.optimize.LimitedMemoryBFGS;
import cc.mallet.optimize.OptimizationException;
import cc.mallet.pipe.Pipe;
import cc.mallet.types.Alphabet;
import cc.mallet.types.InstanceList;
import cc.mallet.types.LabelAlphabet;
import cc.mallet.util.MalletLogger;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.model.ModelCard;
import org.tickettriage.model.ModelDirectory;

/** Small MALLET models trained in the test itself, and model directories of the old format written from them. */
final class TestModels {

    private static final Logger MALLET_LOGGER = Logger.getLogger("cc.mallet");

    static {
        MalletLogger.getLogger(TestModels.class.getName());
        MALLET_LOGGER.setLevel(Level.SEVERE);
    }

    /** subject, description, category, priority. */
    static final List<String[]> TICKETS = List.of(
            new String[] {"Refund request", "I was charged twice, please refund the payment", "Billing", "High"},
            new String[] {"Invoice wrong", "The invoice amount is wrong, I paid too much", "Billing", "Low"},
            new String[] {"Double charge", "My card was charged twice for the subscription", "Billing", "High"},
            new String[] {"Payment question", "Why was my payment higher this month? Refund the difference", "Billing", "Low"},
            new String[] {"Cannot log in", "I forgot my password and cannot log in to my account", "Account", "High"},
            new String[] {"Reset password", "The password reset e-mail never arrives", "Account", "Low"},
            new String[] {"Account locked", "My account is locked after failed login attempts", "Account", "High"},
            new String[] {"Change e-mail", "How do I change the e-mail address of my account", "Account", "Low"},
            new String[] {"App crashes", "The app crashes with error 0x80070005 when I click save", "Bug", "High"},
            new String[] {"Button broken", "The export button is broken and shows an error", "Bug", "Low"},
            new String[] {"Crash on start", "Crash on startup since v2.3, error in the log", "Bug", "High"},
            new String[] {"Wrong totals", "The report shows wrong totals, looks like a bug", "Bug", "Low"});

    private TestModels() {
    }

    /** The category and priority classifiers trained on {@link #TICKETS}, sharing one data alphabet. */
    static MaxEnt[] train() {
        Alphabet features = new Alphabet(String.class);
        LabelAlphabet categories = labels("Account", "Billing", "Bug");
        LabelAlphabet priorities = labels("High", "Low");
        MaxEnt category = train(TicketFeaturePipes.classifierPipe(FeatureSettings.DEFAULT, features, categories), 2);
        features.stopGrowth();
        MaxEnt priority = train(TicketFeaturePipes.classifierPipe(FeatureSettings.DEFAULT, features, priorities), 3);
        return new MaxEnt[] {category, priority};
    }

    /** Writes a model directory of the old format; {@code withPriority} false leaves the priority head out. */
    static Path writeLegacy(Path dir, boolean withPriority) throws IOException {
        MaxEnt[] heads = train();
        // Written with growing alphabets, as a careless trainer would: the reader must stop them itself.
        heads[0].getAlphabet().startGrowth();
        heads[0].getLabelAlphabet().startGrowth();
        heads[1].getLabelAlphabet().startGrowth();
        writeObject(dir.resolve(ModelDirectory.LEGACY_CATEGORY_FILE), heads[0]);
        if (withPriority) {
            writeObject(dir.resolve(ModelDirectory.LEGACY_PRIORITY_FILE), heads[1]);
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve(ModelDirectory.CARD_FILE))) {
            card(List.of("Account", "Billing", "Bug"), withPriority ? List.of("Low", "High") : List.of()).write(out);
        }
        return dir;
    }

    static ModelCard card(List<String> categories, List<String> priorities) {
        return new ModelCard("test-model", "2024-01-01T00:00:00Z", categories, priorities, null, "2.1.1", null, null,
                0.6, null);
    }

    static void writeObject(Path file, Object object) throws IOException {
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
            out.writeObject(object);
        }
    }

    /**
     * A category head with {@code settings}, its alphabet built from {@link #TICKETS} and stopped first, and IDF
     * weights from their document frequencies when the settings ask for them.
     */
    static MaxEnt trainCategory(FeatureSettings settings) {
        Alphabet features = new Alphabet(String.class);
        Pipe sequences = TicketFeaturePipes.featureSequencePipe(settings, features);
        for (String[] t : TICKETS) {
            sequences.instanceFrom(TicketFeaturePipes.instance(t[0], t[1], null, null));
        }
        features.stopGrowth();
        int[] documentFrequency = settings.idf() ? new int[features.size()] : null;
        if (documentFrequency != null) {
            for (String[] t : TICKETS) {
                for (String f : new java.util.HashSet<>(TicketFeaturePipes.featureNames(settings, t[0], t[1]))) {
                    documentFrequency[features.lookupIndex(f, false)]++;
                }
            }
        }
        return train(TicketFeaturePipes.classifierPipe(settings, features, labels("Account", "Billing", "Bug"),
                documentFrequency, TICKETS.size()), 2);
    }

    private static MaxEnt train(Pipe pipe, int labelColumn) {
        InstanceList list = new InstanceList(pipe);
        for (String[] t : TICKETS) {
            list.addThruPipe(TicketFeaturePipes.instance(t[0], t[1], t[labelColumn], null));
        }
        // MaxEntTrainer prints a stack trace when L-BFGS stops at the flat optimum; drive the optimizer directly.
        MaxEntOptimizableByLabelLikelihood likelihood = new MaxEntOptimizableByLabelLikelihood(list, null)
                .useGaussianPrior().setGaussianPriorVariance(1.0);
        try {
            new LimitedMemoryBFGS(likelihood).optimize();
        } catch (OptimizationException e) {
            // converged
        }
        MaxEnt classifier = likelihood.getClassifier();
        classifier.getAlphabet().stopGrowth();
        return classifier;
    }

    static LabelAlphabet labels(String... names) {
        LabelAlphabet labels = new LabelAlphabet();
        for (String name : names) {
            labels.lookupIndex(name);
        }
        labels.stopGrowth();
        return labels;
    }
}
