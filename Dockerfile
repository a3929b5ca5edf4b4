# Kominfo CMS production image.
FROM python:3.11-slim-bookworm AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext postgresql-client libpq5 \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 kominfo
WORKDIR /app

# Dependencies in their own layer: only pyproject.toml invalidates it.
COPY pyproject.toml ./
RUN python - <<'PY' > /tmp/requirements.txt
import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))
PY
RUN pip install -r /tmp/requirements.txt

COPY . .
RUN pip install --no-deps . \
    && DEBUG=true python manage.py compilemessages -l id --ignore=.venv \
    && DEBUG=false SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput \
    && mkdir -p /app/media && chown -R kominfo:kominfo /app/media

USER kominfo
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz').status == 200 else 1)"
CMD ["gunicorn", "-c", "gunicorn.conf.py", "kominfo.wsgi"]
