#!/bin/bash
# cp.sh CAND -> classpath holding only that candidate's jars (plus the bench classes)
H=$(cd "$(dirname "$0")" && pwd); D=$H/target/deps; C=$H/target/classes
case "$1" in
  lingua*)    echo "$C:$D/lingua-1.2.2.jar:$D/kotlin-stdlib-1.6.21.jar:$D/kotlin-stdlib-common-1.6.21.jar:$D/annotations-13.0.jar:$D/moshi-1.13.0.jar:$D/okio-2.10.0.jar:$D/kotlin-stdlib-jdk8-1.6.0.jar:$D/kotlin-stdlib-jdk7-1.6.0.jar:$D/moshi-kotlin-1.13.0.jar:$D/kotlin-reflect-1.6.0.jar:$D/fastutil-8.5.8.jar" ;;
  opennlp*)   echo "$C:$D/opennlp-tools-2.5.11.jar:$D/slf4j-api-2.0.18.jar:$D/opennlp-models-langdetect-1.3.0.jar" ;;
  optimaize*) echo "$C:$D/language-detector-0.6.jar:$D/guava-18.0.jar:$D/jsonic-1.2.11.jar:$D/annotations-12.0.jar:$D/slf4j-api-2.0.18.jar" ;;
  none)       echo "$C" ;;
esac
