{#- Cover of the whole knowledge base as one document (mkdocs-print.yml, mkdocs-print-site-plugin).
    config.extra.momentopname is the build date from scripts/model/clock.py (set by scripts/build/print_builds.py). -#}
<div class="kennisbank-omslag">
  <p class="kennisbank-omslag__soort">Kennisbank voor medewerkers van scholen</p>
  <h1>{{ config.site_name }}</h1>
  <p class="kennisbank-omslag__beschrijving">{{ config.site_description }}</p>
  <p class="kennisbank-omslag__momentopname"><strong>Momentopname van
    <time datetime="{{ config.extra.momentopname_iso }}">{{ config.extra.momentopname }}</time>.</strong>
    Dit document is een afdruk van de website op die dag. Regels, afspraken en telefoonnummers kunnen
    daarna veranderd zijn. De actuele versie staat op
    <a class="print-geen-adres" href="{{ config.site_url }}">{{ config.site_url }}</a>.</p>
  <p class="kennisbank-omslag__peildatum">Bij elke pagina over wetgeving staat de peildatum: de dag waarop
    de inhoud voor het laatst is gecontroleerd. Daaronder staan de bronnen, met hun adres.</p>
  <p class="kennisbank-omslag__copyright">{{ config.copyright }}</p>
</div>
