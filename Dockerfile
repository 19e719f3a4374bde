# One multi-stage build for every service: docker-compose picks the stage with `target:`.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# Maven and every dependency in a layer of their own, rebuilt only when a pom changes.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY api/pom.xml api/
COPY platform/pom.xml platform/
COPY command-side/pom.xml command-side/
COPY query-side/pom.xml query-side/
COPY gateway/pom.xml gateway/
COPY standalone/pom.xml standalone/
COPY bench/pom.xml bench/
RUN ./mvnw -B -ntp -q dependency:go-offline -DexcludeGroupIds=dev.curious.messenger
COPY . .
RUN ./mvnw -B -ntp -q -DskipTests package

FROM eclipse-temurin:17-jre AS service-base
RUN useradd --system --home /app messenger && mkdir -p /app/data && chown messenger /app/data
WORKDIR /app
USER messenger
# Every service's JVM defaults (heap, metaspace, stacks, collector): the one jvm.options at the top.
COPY jvm.options /app/jvm.options
ENTRYPOINT ["java", "@/app/jvm.options", "-jar", "/app/service.jar"]

FROM service-base AS command-side
COPY --from=build /src/command-side/target/messenger-command-side-*-exec.jar /app/service.jar
EXPOSE 8081

FROM service-base AS query-side
COPY --from=build /src/query-side/target/messenger-query-side-*-exec.jar /app/service.jar
EXPOSE 8082

FROM service-base AS gateway
COPY --from=build /src/gateway/target/messenger-gateway-*-exec.jar /app/service.jar
EXPOSE 8080

FROM service-base AS standalone
COPY --from=build /src/standalone/target/messenger.jar /app/service.jar
EXPOSE 8080
