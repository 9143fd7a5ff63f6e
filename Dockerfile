# Majlis, production image: gunicorn serves the site, whitenoise the static files.
# The same image runs the background worker: `docker run … majlis python manage.py db_worker`.
#   docker build -t majlis .
#   docker run --env-file .env -p 8000:8000 -v majlis-media:/app/media majlis
# Run migrations once per release: `docker run --env-file .env majlis python manage.py migrate --no-input`.

FROM python:3.11-slim AS build
ENV PYTHONDONTWRITEBYTECODE=1 \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir uv==0.13.9
WORKDIR /app
# Dependencies first, from the lock file only: this layer is rebuilt only when they change.
COPY pyproject.toml uv.lock ./
# --no-default-groups: the dev and test groups are installed by default (pyproject.toml), not in production.
RUN uv sync --frozen --no-dev --no-default-groups --no-install-project --python /usr/local/bin/python
COPY . .
# Static files and translations are built into the image; the key below exists only for these commands.
RUN DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=build-only-not-secret ALLOWED_HOSTS=localhost \
    /app/.venv/bin/python manage.py compilemessages --ignore=.venv \
    && DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=build-only-not-secret ALLOWED_HOSTS=localhost \
    /app/.venv/bin/python manage.py collectstatic --no-input --verbosity=0

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/app/.venv/bin:$PATH \
    PYTHONPATH=/app:/app/site \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    MEDIA_ROOT=/app/media
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin majlis
WORKDIR /app
COPY --from=build --chown=root:root /app /app
RUN mkdir -p /app/media && chown majlis /app/media
USER majlis
VOLUME ["/app/media"]
EXPOSE 8000
# Two or three workers per CPU core; threads let a worker overlap database waits.
CMD ["gunicorn", "config.wsgi:application", "--bind=0.0.0.0:8000", "--workers=3", "--worker-class=gthread", \
     "--threads=4", "--access-logfile=-", "--forwarded-allow-ips=*"]
