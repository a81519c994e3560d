package org.tickettriage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.drools.model.Model;
import org.drools.model.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules reach the engine only through the executable model generated at build time. */
class ExecutableModelTest {

    @Test
    void loadsTheModelClassGeneratedFromRoutingDrl() {
        List<Model> models = DroolsRouter.generatedModels(DroolsRouter.class.getClassLoader());

        assertThat(models).hasSize(1);
        Model model = models.get(0);
        assertThat(model.getClass().getPackageName()).isEqualTo("org.tickettriage.rules.policy");
        assertThat(model.getRules()).extracting(Rule::getName).containsExactlyInAnyOrder(
                "Model decides category",
                "Low confidence: keyword decides",
                "Low confidence: human review",
                "Priority: client supplied",
                "Priority: model prediction",
                "Default priority",
                "Escalation cue",
                "Route by escalation cue",
                "Route to human review",
                "Route by routing table",
                "SLA escalation cue",
                "SLA by priority");
    }

    @Test
    void shipsWithoutTheDrlToolchain() {
        // These are what compiling DRL at start-up would need; the runtime class path excludes them.
        for (String compilerClass : List.of(
                "org.drools.drl.parser.DrlParser",
                "org.drools.mvel.MVELConstraint",
                "org.eclipse.jdt.internal.compiler.Compiler",
                "org.antlr.v4.runtime.Parser")) {
            assertThatThrownBy(() -> Class.forName(compilerClass))
                    .as(compilerClass)
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void routesOnAColdJvmWithoutLoadingAnyRuleCompilerClass(@TempDir Path dir) throws IOException,
            InterruptedException {
        Path classLog = dir.resolve("classes.log");
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classLog,
                "-cp", System.getProperty("java.class.path"),
                RouterStartupBenchmark.class.getName(), "0")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();

        String loaded = Files.readString(classLog);
        assertThat(loaded)
                .contains("org.tickettriage.rules.policy.Rules")
                .contains("org.drools.modelcompiler.KieBaseBuilder")
                .doesNotContain("org.drools.compiler.builder.impl.KnowledgeBuilderImpl")
                .doesNotContain("org.drools.compiler.kie.builder.impl.KieBuilderImpl ")
                .doesNotContain("org.drools.drl.")
                .doesNotContain("org.drools.mvel.");
    }

    @Test
    void explainsAMissingModelInsteadOfFailingLater() {
        ClassLoader withoutModel = new ClassLoader(null) {
        };

        assertThatThrownBy(() -> DroolsRouter.generatedModels(withoutModel))
                .isInstanceOf(RulesLoadException.class)
                .hasMessageContaining(DroolsRouter.MODEL_LIST_RESOURCE)
                .hasMessageContaining("kie-maven-plugin");
    }
}
