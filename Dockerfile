# The bot in a slim Python 3.11 image. Install and start steps live in scripts/docker-setup.sh
# (CI runs its `smoke` step, since no Docker engine runs there).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BOT_DATA_DIR=/data \
    KNOWLEDGE_DIR=/app/knowledge \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080

# A compiler for dependencies that build native code on install; removed afterwards.
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY retrieval ./retrieval
COPY bot ./bot
COPY knowledge ./knowledge
COPY scripts/docker-setup.sh ./scripts/docker-setup.sh
RUN PYTHON=python scripts/docker-setup.sh install \
    && apt-get purge -y --auto-remove build-essential

# The bot writes to the knowledge folder too (admins' uploads, curated answers, deadlines): it owns it.
RUN useradd --create-home --uid 10001 bot \
    && mkdir -p /data && chown -R bot:bot /data /app/knowledge
USER bot
# The index is built at image build time into the data volume's initial contents.
RUN PYTHON=python scripts/docker-setup.sh index
VOLUME ["/data", "/app/knowledge"]

EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["scripts/docker-setup.sh", "healthcheck"]
CMD ["python", "-m", "bot"]
