package fr.dinum.ledger.projections.reports.render;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFormatTest {

    @Test
    void the_format_parameter_is_read_in_any_case() {
        assertThat(ReportFormat.fromParameter("json")).contains(ReportFormat.JSON);
        assertThat(ReportFormat.fromParameter("CSV")).contains(ReportFormat.CSV);
        assertThat(ReportFormat.fromParameter(" Pdf ")).contains(ReportFormat.PDF);
        assertThat(ReportFormat.fromParameter("xlsx")).contains(ReportFormat.XLSX);
        assertThat(ReportFormat.fromParameter("ODS")).contains(ReportFormat.ODS);
        assertThat(ReportFormat.fromParameter("xls")).isEmpty();
        assertThat(ReportFormat.fromParameter("")).isEmpty();
        assertThat(ReportFormat.fromParameter(null)).isEmpty();
    }

    @Test
    void each_format_has_its_media_type_and_extension() {
        assertThat(ReportFormat.CSV.mediaType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(ReportFormat.XLSX.mediaType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(ReportFormat.ODS.mediaType()).isEqualTo("application/vnd.oasis.opendocument.spreadsheet");
        assertThat(ReportFormat.PDF.extension()).isEqualTo("pdf");
    }

    @Test
    void the_accept_header_gives_the_first_acceptable_format() {
        assertThat(ReportFormat.fromAccept("application/pdf")).contains(ReportFormat.PDF);
        assertThat(ReportFormat.fromAccept("text/csv; charset=utf-8")).contains(ReportFormat.CSV);
        assertThat(ReportFormat.fromAccept("text/html, application/vnd.oasis.opendocument.spreadsheet;q=0.9"))
                .contains(ReportFormat.ODS);
        assertThat(ReportFormat.fromAccept("APPLICATION/VND.OPENXMLFORMATS-OFFICEDOCUMENT.SPREADSHEETML.SHEET"))
                .contains(ReportFormat.XLSX);
    }

    @Test
    void qualities_order_the_ranges_and_zero_refuses_one() {
        assertThat(ReportFormat.fromAccept("application/json;q=0.5, application/pdf")).contains(ReportFormat.PDF);
        assertThat(ReportFormat.fromAccept("application/pdf;q=0, text/csv;q=0.1")).contains(ReportFormat.CSV);
        assertThat(ReportFormat.fromAccept("application/pdf;q=0")).isEmpty();
    }

    @Test
    void wildcards_give_json_or_the_first_format_of_their_type() {
        assertThat(ReportFormat.fromAccept("*/*")).contains(ReportFormat.JSON);
        assertThat(ReportFormat.fromAccept("text/*")).contains(ReportFormat.CSV);
        assertThat(ReportFormat.fromAccept("image/png")).isEmpty();
        assertThat(ReportFormat.fromAccept(null)).isEmpty();
        assertThat(ReportFormat.fromAccept("garbage")).isEmpty();
    }
}
