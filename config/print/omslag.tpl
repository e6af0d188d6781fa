{#- Cover of the whole knowledge base as one document (scripts/exports/print_page.py, make downloads).
    config is the site's configuration after the region step; momentopname is the day of the print page
    (scripts/model/clock.py), momentopname_iso the same day as JJJJ-MM-DD. -#}
<div class="kennisbank-omslag">
  <p class="kennisbank-omslag__soort">Kennisbank voor medewerkers van scholen</p>
  <h1>{{ config.site_name }}</h1>
  <p class="kennisbank-omslag__beschrijving">{{ config.site_description }}</p>
  <p class="kennisbank-omslag__momentopname"><strong>Momentopname van
    <time datetime="{{ momentopname_iso }}">{{ momentopname }}</time>.</strong>
    Dit document is een afdruk van de website op die dag. Regels, afspraken en telefoonnummers kunnen
    daarna veranderd zijn. De actuele versie staat op
    <a class="print-geen-adres" href="{{ config.site_url }}">{{ config.site_url }}</a>.</p>
  <p class="kennisbank-omslag__peildatum">Bij elke pagina over wetgeving staat de peildatum: de dag waarop
    de inhoud voor het laatst is gecontroleerd. Daaronder staan de bronnen, met hun adres.</p>
  <p class="kennisbank-omslag__copyright">{{ config.copyright }}</p>
</div>
