"""The wording of each plan kind as offices wrote it before the 2025 reform (a district or a
commune under a district): kept for plans dated before 1 July 2025 and their copies."""

from plans.kinds import (
    BLANK,
    CONTENT_FORM,
    FUNDING,
    ORGANISATION,
    PROGRAMME,
    PURPOSE,
    PURPOSE_OUTLINE,
    TASKS,
    KindTemplate,
)
from plans.models import PlanKind

DIALOGUE_CONFERENCES = KindTemplate(
    title="Tổ chức Hội nghị đối thoại chính sách về thực hiện Chương trình mục tiêu quốc gia "
    "giảm nghèo bền vững năm {year} trên địa bàn {unit}",
    intro="{body} xây dựng Kế hoạch tổ chức Hội nghị đối thoại chính sách về Chương trình mục "
    "tiêu quốc gia giảm nghèo bền vững trên địa bàn {unit}, năm {year} (Tiểu dự án 2 thuộc Dự án "
    "6: Truyền thông và giảm nghèo về thông tin), cụ thể như sau:",
    outline=PURPOSE_OUTLINE.format(
        purpose="Tăng cường công tác tuyên truyền, tạo chuyển biến về nhận thức, trách nhiệm của "
        "người dân, đặc biệt là người dân thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo về "
        "mục đích, ý nghĩa, nội dung, giải pháp của Chương trình.",
        requirement="Hội nghị được tổ chức dân chủ, an toàn, thiết thực và hiệu quả; bảo đảm mỗi "
        "người dân được bình đẳng, công khai tham gia phát biểu, đóng góp ý kiến.",
    ) + """II. NỘI DUNG, HÌNH THỨC
1. Nội dung đối thoại
- Làm rõ các chính sách giảm nghèo, giúp người dân hiểu, tiếp cận và thụ hưởng các chính sách.
2. Hình thức đối thoại
- Đối thoại trực tiếp, hỏi và trả lời giữa người dân và cán bộ các cấp.
3. Thời gian, địa điểm
4. Thành phần
a) Cấp huyện, cấp tỉnh:
- Lãnh đạo Ủy ban nhân dân; lãnh đạo, công chức cơ quan chuyên môn phụ trách giảm nghèo.
b) Cấp xã:
- Lãnh đạo Ủy ban nhân dân xã phụ trách công tác giảm nghèo.
- Đại diện hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo, ưu tiên phụ nữ, người dân tộc thiểu số.
5. Kinh phí thực hiện
III. TỔ CHỨC THỰC HIỆN
1. Cơ quan chuyên môn phụ trách giảm nghèo
- Chuẩn bị các điều kiện, tài liệu để tổ chức đối thoại; tổng hợp, báo cáo kết quả.
2. Cơ quan tài chính
- Tham mưu cấp kinh phí; hướng dẫn quản lý, sử dụng và thanh quyết toán kinh phí theo quy định.
3. Ủy ban nhân dân các xã
- Mời đại biểu, thông báo nội dung hội nghị; trả lời ý kiến thuộc thẩm quyền.
""",
    closing="Trên đây là Kế hoạch tổ chức Hội nghị đối thoại chính sách năm {year} của {body}. "
    "Trong quá trình thực hiện nếu có khó khăn, vướng mắc đề nghị phản ánh về {body} để kịp "
    "thời giải quyết./.",
    recipients=["Sở Nông nghiệp và Môi trường", "Chủ tịch, các Phó Chủ tịch UBND",
                "UBND các xã", "Các phòng, ban liên quan", "Lưu: VT"],
    required=[PURPOSE, CONTENT_FORM, ORGANISATION],
    live_budget_after="Kinh phí thực hiện",
    live_schedule_after="Thời gian, địa điểm",
)

DA6_COMMUNICATION = KindTemplate(
    title="Thực hiện Tiểu dự án 2 Dự án 6 Truyền thông về giảm nghèo đa chiều thuộc Chương trình "
    "mục tiêu quốc gia giảm nghèo bền vững trên địa bàn {unit} năm {year}",
    intro="{body} ban hành Kế hoạch thực hiện Tiểu dự án 2 Dự án 6 Truyền thông về giảm nghèo "
    "đa chiều năm {year}, cụ thể như sau:",
    outline=PURPOSE_OUTLINE.format(
        purpose="Tăng cường truyền thông, nâng cao nhận thức, trách nhiệm của toàn xã hội về "
        "mục đích, ý nghĩa, nội dung, giải pháp của Chương trình.",
        requirement="Truyền thông kịp thời, chính xác, đúng quy định, phù hợp với từng đối tượng.",
    ) + """II. ĐỐI TƯỢNG, PHẠM VI VÀ THỜI GIAN THỰC HIỆN
1. Đối tượng truyền thông
- Người dân, cán bộ, đảng viên; chú trọng người thuộc hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo.
2. Phạm vi và thời gian thực hiện
- Phạm vi thực hiện: trên địa bàn {unit}.
- Thời gian thực hiện: Quý II, Quý III, Quý IV năm {year}.
III. NỘI DUNG, HÌNH THỨC
1. Tổ chức đối thoại chính sách định kỳ về giảm nghèo
2. Truyền thông trên hệ thống truyền thanh cơ sở
- Xây dựng chuyên mục, tin bài về giảm nghèo phát trên đài truyền thanh xã.
3. In ấn, cấp phát tờ rơi, sổ tay
- In và cấp phát tờ rơi, sổ tay hỏi đáp về chính sách giảm nghèo đến các thôn, bản.
4. Phong trào thi đua "Vì người nghèo - Không để ai bị bỏ lại phía sau"
- Tuyên truyền, vận động; biểu dương, khen thưởng tập thể, cá nhân tiêu biểu.
IV. KINH PHÍ THỰC HIỆN
V. TỔ CHỨC THỰC HIỆN
1. Cơ quan chuyên môn phụ trách giảm nghèo
- Chủ trì, phối hợp triển khai Kế hoạch; tổng hợp, báo cáo kết quả.
2. Cơ quan văn hóa, thông tin
- Phối hợp xây dựng nội dung tuyên truyền trên hệ thống truyền thanh.
3. Ủy ban nhân dân các xã
- Tổ chức đối thoại, tuyên truyền tại địa phương.
""",
    closing="Trên đây là Kế hoạch thực hiện Tiểu dự án 2 Dự án 6 năm {year}. Đề nghị các cơ "
    "quan, đơn vị liên quan triển khai thực hiện./.",
    recipients=["Sở Nông nghiệp và Môi trường", "Chủ tịch, các Phó Chủ tịch UBND",
                "Các phòng, ban liên quan", "UBND các xã", "Lưu: VT"],
    required=[PURPOSE, CONTENT_FORM, FUNDING, ORGANISATION],
    live_budget_after="KINH PHÍ THỰC HIỆN",
    live_schedule_after="Tổ chức đối thoại chính sách định kỳ về giảm nghèo",
)

COMMUNE_DIALOGUE = KindTemplate(
    title="Tổ chức đối thoại của Chủ tịch Ủy ban nhân dân xã trong năm {year}",
    intro="{body} xây dựng Kế hoạch đối thoại của Chủ tịch Ủy ban nhân dân xã trong năm {year}, "
    "cụ thể như sau:",
    outline=PURPOSE_OUTLINE.format(
        purpose="Giúp hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo bày tỏ tâm tư, nguyện vọng; "
        "phản ánh, kiến nghị những khó khăn, vướng mắc.",
        requirement="Việc đối thoại được thực hiện dân chủ, công khai, nghiêm túc, tiết kiệm, "
        "hiệu quả.",
    ) + """II. THÀNH PHẦN, SỐ LƯỢNG VÀ NỘI DUNG ĐỐI THOẠI
1. Quý II/{year}
1.1. Thành phần và số lượng tham gia đối thoại
- Chủ tịch Ủy ban nhân dân xã; đại diện các ban, ngành, đoàn thể xã.
- Đại diện hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo trên địa bàn xã.
1.2. Nội dung đối thoại
- Công tác rà soát, bình xét hộ nghèo, hộ cận nghèo; các chính sách hỗ trợ hộ nghèo.
2. Quý III/{year}
2.1. Thành phần và số lượng tham gia đối thoại
- Chủ tịch Ủy ban nhân dân xã; hội viên Hội Nông dân, Hội Liên hiệp Phụ nữ.
2.2. Nội dung đối thoại
- Sản xuất nông nghiệp, tiếp cận vốn vay, chính sách hỗ trợ sinh kế.
III. PHƯƠNG PHÁP, HÌNH THỨC, THỜI GIAN, ĐỊA ĐIỂM
1. Phương pháp đối thoại
- Đối thoại trực tiếp; người dân phát biểu hoặc gửi ý kiến bằng văn bản cho Ban tổ chức.
2. Thời gian, địa điểm
IV. TỔ CHỨC THỰC HIỆN
1. Văn phòng - Thống kê
- Chuẩn bị nội dung, tổng hợp ý kiến, kiến nghị sau buổi đối thoại.
2. Tài chính - Kế toán
- Tham mưu chuẩn bị kinh phí tổ chức các buổi đối thoại.
""",
    closing="Trên đây là Kế hoạch đối thoại của Chủ tịch Ủy ban nhân dân xã năm {year}. Đề nghị "
    "các ban, ngành, đoàn thể xã và công chức có liên quan phối hợp triển khai thực hiện./.",
    recipients=["TT Đảng ủy (b/c)", "TT HĐND xã (b/c)", "CT, các PCT UBND xã",
                "UBMTTQVN xã (p/h)", "Các ban ngành, đoàn thể xã (t/h)", "Lưu: VT"],
    required=[PURPOSE, ORGANISATION],
    live_schedule_after="Thời gian, địa điểm",
)

REVIEW_CONFERENCE = KindTemplate(
    title="Tổ chức Hội nghị tổng kết thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền "
    "vững năm {year}",
    intro="{body} xây dựng Kế hoạch tổ chức Hội nghị tổng kết thực hiện Chương trình mục tiêu "
    "quốc gia giảm nghèo bền vững năm {year}, cụ thể như sau:",
    outline=PURPOSE_OUTLINE.format(
        purpose="Đánh giá kết quả thực hiện Chương trình; biểu dương, khen thưởng tập thể, cá "
        "nhân có thành tích tiêu biểu.",
        requirement="Hội nghị tổ chức trang trọng, tiết kiệm, hiệu quả; báo cáo đúng thời hạn.",
    ) + """II. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN
1. Thời gian, địa điểm
2. Thành phần đại biểu
a) Cấp tỉnh:
- Đại diện lãnh đạo Sở Nông nghiệp và Môi trường.
b) Cấp xã:
- Lãnh đạo Ủy ban nhân dân, công chức phụ trách giảm nghèo các xã.
c) Đại diện hộ gia đình thoát nghèo tiêu biểu.
III. CHƯƠNG TRÌNH HỘI NGHỊ
1. Tuyên bố lý do, giới thiệu đại biểu (Văn phòng).
2. Báo cáo kết quả thực hiện Chương trình năm {year} (cơ quan chuyên môn phụ trách giảm nghèo).
3. Tham luận của các xã và hộ gia đình tiêu biểu.
4. Khen thưởng tập thể, cá nhân có thành tích.
5. Phát biểu kết luận của lãnh đạo Ủy ban nhân dân (chủ trì hội nghị).
IV. KHEN THƯỞNG
1. Tập thể
- Tặng Giấy khen cho tập thể có thành tích xuất sắc.
2. Cá nhân
- Tặng Giấy khen cho cá nhân có thành tích xuất sắc.
V. KINH PHÍ
VI. TỔ CHỨC THỰC HIỆN
1. Cơ quan chuyên môn phụ trách giảm nghèo
- Xây dựng báo cáo tổng kết; chuẩn bị hội nghị.
2. Ủy ban nhân dân các xã
- Gửi báo cáo kết quả thực hiện năm {year} trước ngày 15 tháng 12 năm {year}.
""",
    closing="Trên đây là Kế hoạch tổ chức Hội nghị tổng kết năm {year}. Đề nghị các cơ quan, "
    "đơn vị liên quan thực hiện./.",
    recipients=["Chủ tịch, các Phó Chủ tịch UBND", "Các phòng, ban liên quan", "UBND các xã",
                "Lưu: VT"],
    required=[PURPOSE, PROGRAMME, ORGANISATION],
    live_budget_after="KINH PHÍ",
    live_schedule_after="Thời gian, địa điểm",
)

YEARLY_IMPLEMENTATION = KindTemplate(
    title="Thực hiện Dự án 6 và Dự án 7 thuộc Chương trình mục tiêu quốc gia giảm nghèo bền "
    "vững năm {year}",
    intro="{body} ban hành Kế hoạch thực hiện các tiểu dự án thuộc Dự án 6 và Dự án 7 năm {year}, "
    "cụ thể như sau:",
    outline=PURPOSE_OUTLINE.format(
        purpose="Triển khai đồng bộ các tiểu dự án truyền thông, nâng cao năng lực và giám sát, "
        "đánh giá Chương trình.",
        requirement="Sử dụng kinh phí đúng mục đích, đúng định mức; báo cáo kết quả đúng hạn.",
    ) + """II. NỘI DUNG THỰC HIỆN
1. Tiểu dự án 2 Dự án 6: Truyền thông về giảm nghèo đa chiều
- Tổ chức đối thoại chính sách; truyền thông trên hệ thống truyền thanh; in tờ rơi.
- Thời gian: Quý II - Quý IV năm {year}.
2. Tiểu dự án 1 Dự án 7: Nâng cao năng lực thực hiện Chương trình
- Tập huấn cho cán bộ làm công tác giảm nghèo cấp xã, thôn.
- Thời gian: Quý II - Quý III năm {year}.
3. Tiểu dự án 2 Dự án 7: Giám sát, đánh giá
- Kiểm tra, giám sát thực hiện Chương trình; rà soát hộ nghèo, hộ cận nghèo định kỳ.
- Thời gian: Quý III - Quý IV năm {year}.
III. KINH PHÍ THỰC HIỆN
IV. TỔ CHỨC THỰC HIỆN
1. Cơ quan chuyên môn phụ trách giảm nghèo
- Chủ trì tổ chức thực hiện; tổng hợp, báo cáo kết quả.
2. Cơ quan tài chính
- Thẩm định dự toán; hướng dẫn thanh quyết toán kinh phí.
""",
    closing="Trên đây là Kế hoạch thực hiện Dự án 6 và Dự án 7 năm {year}. Đề nghị các cơ quan, "
    "đơn vị liên quan triển khai thực hiện./.",
    recipients=["Sở Nông nghiệp và Môi trường", "Sở Tài chính",
                "Chủ tịch, các Phó Chủ tịch UBND", "Các phòng, ban liên quan", "Lưu: VT"],
    required=[PURPOSE, TASKS, FUNDING, ORGANISATION],
    live_budget_after="KINH PHÍ THỰC HIỆN",
)

HOUSEHOLD_REVIEW = KindTemplate(
    title="Rà soát hộ nghèo, hộ cận nghèo năm {year} trên địa bàn {unit}",
    intro="{body} ban hành Kế hoạch rà soát hộ nghèo, hộ cận nghèo năm {year} theo chuẩn nghèo "
    "đa chiều giai đoạn 2022 - 2025, cụ thể như sau:",
    outline=PURPOSE_OUTLINE.format(
        purpose="Xác định, lập danh sách hộ nghèo, hộ cận nghèo năm {year} làm cơ sở thực hiện "
        "các chính sách giảm nghèo và an sinh xã hội.",
        requirement="Rà soát đúng quy trình, dân chủ, công khai, có sự tham gia của người dân.",
    ) + """II. QUY TRÌNH VÀ THỜI GIAN THỰC HIỆN
1. Lập danh sách hộ cần rà soát
- Thời gian: từ ngày 01/9/{year}.
2. Khảo sát, phân loại hộ
3. Họp dân thống nhất kết quả
- Kết quả được thống nhất khi có ít nhất 50% người tham dự đồng ý; lập 02 biên bản.
4. Niêm yết, thông báo công khai
5. Báo cáo, xin ý kiến Chủ tịch Ủy ban nhân dân cấp huyện
6. Công nhận danh sách
- Hoàn thành trước ngày 14/12/{year}.
III. KINH PHÍ THỰC HIỆN
IV. TỔ CHỨC THỰC HIỆN
1. Cơ quan chuyên môn phụ trách giảm nghèo
- Hướng dẫn nghiệp vụ, tổng hợp, báo cáo kết quả rà soát.
2. Ủy ban nhân dân các xã
- Tổ chức rà soát theo đúng quy trình.
""",
    closing="Trên đây là Kế hoạch rà soát hộ nghèo, hộ cận nghèo năm {year}. Đề nghị các cơ quan, "
    "đơn vị liên quan triển khai thực hiện./.",
    recipients=["Chủ tịch, các Phó Chủ tịch UBND", "Các phòng, ban liên quan", "UBND các xã",
                "Lưu: VT"],
    required=[PURPOSE, FUNDING, ORGANISATION],
    live_budget_after="KINH PHÍ THỰC HIỆN",
)

TEMPLATES = {
    PlanKind.DIALOGUE_CONFERENCES: DIALOGUE_CONFERENCES,
    PlanKind.DA6_COMMUNICATION: DA6_COMMUNICATION,
    PlanKind.COMMUNE_DIALOGUE: COMMUNE_DIALOGUE,
    PlanKind.REVIEW_CONFERENCE: REVIEW_CONFERENCE,
    PlanKind.YEARLY_IMPLEMENTATION: YEARLY_IMPLEMENTATION,
    PlanKind.HOUSEHOLD_REVIEW: HOUSEHOLD_REVIEW,
    PlanKind.BLANK: BLANK,
}
