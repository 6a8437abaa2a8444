import { ComingSoon } from '../components/coming-soon';

export default function ThemesPage() {
  return (
    <ComingSoon
      title="Themes"
      feature="theme clustering"
      what="Failures and free-text comments grouped into themes, such as “17% of negative feedback this week is about broken citations”."
    />
  );
}
